package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed: a file of 5,000 new sites (-Dbenchmark.lines=N), each with its sync password,
 * previewed and applied through the API, then the same 5,000 sites updated by a second file (their sync interval,
 * passwords kept); beside it, in the same
 * run, sites created one by one through {@code POST /api/admin/sites} as the site window does (200 of them), per
 * site. Goal: a 5,000-line file applies in under 30 s.
 * <p>
 * Run: {@code ./benchmark.sh SiteImport}
 */
@ExtendWith(TestServer.class)
class SiteImportBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 5_000);
    private static final int ONE_BY_ONE = 200;
    private static final int SIGN_INS = 50;

    @Test
    void fiveThousandLines() {
        AdminApi admin = AdminApi.asAdmin();
        String prefix = TestData.unique("Import");

        long oneByOne = System.nanoTime();
        for (int i = 0; i < ONE_BY_ONE; i++) {
            assertEquals(
                    201,
                    admin.call("POST", "/api/admin/sites", AdminApi.site(prefix + "-single-" + i, 5, null))
                            .statusCode());
        }
        double perSiteAlone = (System.nanoTime() - oneByOne) / 1e6 / ONE_BY_ONE;

        StringBuilder file = new StringBuilder("name,code,password,sync_interval_minutes\n");
        for (int i = 0; i < LINES; i++) {
            file.append(prefix)
                    .append("-")
                    .append(i)
                    .append(",I")
                    .append(i)
                    .append(",import-password-")
                    .append(i)
                    .append(",5\n");
        }
        long previewing = System.nanoTime();
        JsonObject preview = json(admin.postCsv("/api/admin/sites/import", file.toString()));
        double previewSeconds = (System.nanoTime() - previewing) / 1e9;
        assertEquals(LINES, preview.getInt("creates"), preview.toString().substring(0, 300));

        long applying = System.nanoTime();
        JsonObject applied = json(admin.postCsv("/api/admin/sites/import?apply=true", file.toString()));
        double applySeconds = (System.nanoTime() - applying) / 1e9;
        assertEquals(LINES, applied.getJsonObject("plan").getInt("creates"));

        // the cost of bcrypt moves to each site's first sign-in (its quick hash replaced), which it must pass
        long signingIn = System.nanoTime();
        for (int i = 0; i < SIGN_INS; i++) {
            assertEquals(
                    200,
                    new RemoteSite(prefix + "-" + i, "import-password-" + i, "device-" + prefix + "-" + i)
                            .get("site")
                            .statusCode(),
                    "an imported site signs in with its password from the file");
        }
        double firstSignInMillis = (System.nanoTime() - signingIn) / 1e6 / SIGN_INS;

        // the same sites, their interval changed, their passwords left as they are (an empty field keeps it)
        StringBuilder update = new StringBuilder("name,sync_interval_minutes\n");
        for (int i = 0; i < LINES; i++) {
            update.append(prefix).append("-").append(i).append(",15\n");
        }
        long updating = System.nanoTime();
        JsonObject updated = json(admin.postCsv("/api/admin/sites/import?apply=true", update.toString()));
        double updateSeconds = (System.nanoTime() - updating) / 1e9;
        assertEquals(LINES, updated.getJsonObject("plan").getInt("updates"));

        SignedInTimes.print("%,d sites created one by one: %.1f ms per site", ONE_BY_ONE, perSiteAlone);
        SignedInTimes.print(
                "%,d-line file: preview %.1f s, apply (new sites, a password each) %.1f s = %.1f ms per "
                        + "site; update of the same sites %.1f s",
                LINES, previewSeconds, applySeconds, applySeconds * 1000 / LINES, updateSeconds);
        SignedInTimes.print(
                "first sign-in of %d imported sites: %.1f ms each (bcrypt stored then)", SIGN_INS, firstSignInMillis);
        SignedInTimes.print(
                "RESULT|site import, %,d new sites with passwords (ms per site) vs one POST per site|%.1f|%.1f|%.2f|"
                        + "the file within 30 s (%.1f s)",
                LINES,
                applySeconds * 1000 / LINES,
                perSiteAlone,
                applySeconds * 1000 / LINES / perSiteAlone,
                applySeconds);
        SignedInTimes.print(
                "RESULT|site import, %,d updated sites (ms per site) vs one POST per site|%.1f|%.1f|%.2f|"
                        + "the file within 30 s (%.1f s)",
                LINES,
                updateSeconds * 1000 / LINES,
                perSiteAlone,
                updateSeconds * 1000 / LINES / perSiteAlone,
                updateSeconds);
    }

    private static JsonObject json(HttpResponse<String> answer) {
        assertEquals(
                200,
                answer.statusCode(),
                answer.body().length() > 2000 ? answer.body().substring(0, 2000) : answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }
}
