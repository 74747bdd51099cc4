package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * User accounts as attackers and careless admins meet them (issue 10, item 7), at HTTP level against the deployed
 * server: password changes, passwords set by an editor, disabled users, revoked permissions, the last editor, and
 * throttled form sign-ins.
 */
@ExtendWith(TestServer.class)
@Isolated("it disables the other editors (the admin too) and floods the sign-in: nothing else may run meanwhile")
class UserAccountsIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void undertowsOwnSignInIsClosedSoThatNoPasswordIsCheckedUncounted() {
        Browserless client = new Browserless();
        client.get("/sites.xhtml");
        HttpResponse<String> direct =
                client.postForm("/j_security_check", "j_username", "admin", "j_password", "guess-1234");
        assertEquals(404, direct.statusCode(), direct.body());
        HttpResponse<String> deeper =
                client.postForm("/api/j_security_check", "j_username", "admin", "j_password", "guess-1234");
        assertEquals(404, deeper.statusCode(), deeper.body());
    }

    @Test
    void signingInLeadsToThePageAskedForAndNeverToAnotherServer() {
        Browserless client = new Browserless();
        String form = client.get("/site.xhtml?id=1").body();
        assertTrue(
                form.contains("name=\"next\" value=\"/site.xhtml?id=1\""),
                "the form carries the page asked for: " + form);
        HttpResponse<String> signedIn = client.postForm(
                "/sign-in", "j_username", "admin", "j_password", As.ADMIN_PASSWORD, "next", "/site.xhtml?id=1");
        assertEquals(
                "/site.xhtml?id=1",
                signedIn.uri().getRawPath() + "?" + signedIn.uri().getRawQuery());
        for (String elsewhere : List.of("https://evil.example/", "//evil.example/sites.xhtml", "/../x.xhtml")) {
            HttpResponse<String> redirected = new Browserless()
                    .postForm("/sign-in", "j_username", "admin", "j_password", As.ADMIN_PASSWORD, "next", elsewhere);
            assertEquals("/dashboard.xhtml", redirected.uri().getRawPath(), elsewhere);
        }
    }

    /** Session fixation: the session a stranger could have planted before the sign-in is not the one signed in. */
    @Test
    void signingInGivesTheSessionANewId() {
        Browserless client = new Browserless();
        assertEquals(200, client.get("/login.xhtml").statusCode());
        String before = client.cookieHeader();
        assertTrue(before.contains("JSESSIONID="), "the sign-in form opens a session: " + before);
        client.signIn("admin", As.ADMIN_PASSWORD);
        String after = client.cookieHeader();
        assertTrue(after.contains("JSESSIONID=") && !after.equals(before), before + " -> " + after);
        assertEquals(200, client.get("/api/admin/me").statusCode(), "signed in, in the new session");
    }

    @Test
    void wrongPasswordUnknownNameAndDisabledAccountGetTheSameAnswer() {
        String user = newUser("same-answer-1");
        long id = idOf(user);
        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + id + "/disable", "{}").statusCode());
        String wrong = finalPage(newUser("same-answer-2"), "not-the-password");
        String unknown = finalPage(TestData.unique("nobody").toLowerCase(), "same-answer-1");
        String disabled = finalPage(user, "same-answer-1");
        assertTrue(wrong.endsWith("/login.xhtml?failed=true"), wrong);
        assertEquals(wrong, unknown);
        assertEquals(wrong, disabled);
    }

    @Test
    void aUserChangesTheirPasswordThisSessionGoesOnAndTheirOtherSessionsEnd() {
        String user = newUser("first-pass-1");
        AdminApi here = AdminApi.as(user, "first-pass-1");
        AdminApi elsewhere = AdminApi.as(user, "first-pass-1");
        for (AdminApi session : List.of(here, elsewhere)) {
            HttpResponse<String> me = session.call("GET", "/api/admin/me", null);
            assertEquals(200, me.statusCode(), me.body());
        }

        HttpResponse<String> wrongCurrent = here.call(
                "PUT",
                "/api/admin/me/password",
                "{\"currentPassword\":\"not-it-at-all\",\"newPassword\":\"second-pass-2\"}");
        assertEquals(400, wrongCurrent.statusCode(), wrongCurrent.body());
        assertTrue(wrongCurrent.body().contains("\"field\":\"currentPassword\""), wrongCurrent.body());
        HttpResponse<String> weak = here.call(
                "PUT", "/api/admin/me/password", "{\"currentPassword\":\"first-pass-1\",\"newPassword\":\"password\"}");
        assertEquals(400, weak.statusCode(), weak.body());
        assertTrue(weak.body().contains("\"field\":\"newPassword\""), "named as the API names it: " + weak.body());

        HttpResponse<String> changed = here.call(
                "PUT",
                "/api/admin/me/password",
                "{\"currentPassword\":\"first-pass-1\",\"newPassword\":\"second-pass-2\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(here.signedIn(), "the session that changed the password goes on");
        HttpResponse<String> ended = elsewhere.call("GET", "/api/admin/me", null);
        assertEquals(401, ended.statusCode(), ended.body());
        assertTrue(ended.body().contains("session_ended"), ended.body());
        assertFalse(AdminApi.as(user, "first-pass-1").signedIn(), "the old password no longer signs in");
        assertTrue(AdminApi.as(user, "second-pass-2").signedIn());
        assertTrue(auditOf(user).contains("PASSWORD_CHANGED"), auditOf(user));
    }

    /** A stolen session cannot guess its user's current password at leisure: guesses are counted as sign-ins are. */
    @Test
    void guessingOnesOwnCurrentPasswordWaitsLikeSigningIn() {
        String user = newUser("guess-pass-1");
        AdminApi session = AdminApi.as(user, "guess-pass-1");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = session.call(
                    "PUT",
                    "/api/admin/me/password",
                    "{\"currentPassword\":\"wrong-guess-" + i + "\",\"newPassword\":\"guessed-pass-2\"}");
            assertEquals(400, wrong.statusCode(), wrong.body());
        }
        HttpResponse<String> waiting = session.call(
                "PUT",
                "/api/admin/me/password",
                "{\"currentPassword\":\"guess-pass-1\",\"newPassword\":\"guessed-pass-2\"}");
        assertEquals(400, waiting.statusCode(), waiting.body());
        assertTrue(waiting.body().contains("wait 10 minutes"), "even the right one waits: " + waiting.body());
        assertFalse(AdminApi.as(user, "guess-pass-1").signedIn(), "the same count: signing in waits too");
    }

    /**
     * The demo application's Basic sign-in counts guesses as the form does: five wrong in a row and even the right
     * password waits, there and at the form; a user who may not edit sync settings is refused.
     */
    @Test
    void basicSignInToTheDemoApiIsCountedAsTheFormsIs() throws Exception {
        String user = newUser("basic-pass-1");
        assertEquals(403, demoCall(user, "basic-pass-1").statusCode(), "a viewer may not generate data");
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + idOf(user) + "/permissions/EDIT_SYNC_SETTINGS", "{}")
                        .statusCode());
        assertEquals(200, demoCall(user, "basic-pass-1").statusCode(), "an editor may");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = demoCall(user, "wrong-guess-" + i);
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
        assertEquals(401, demoCall(user, "basic-pass-1").statusCode(), "even the right one waits");
        assertFalse(AdminApi.as(user, "basic-pass-1").signedIn(), "the same count: the form waits too");
        assertEquals(401, demoCall("nobody-" + user, "basic-pass-1").statusCode(), "an unknown name");
    }

    private static HttpResponse<String> demoCall(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Browserless.BASE + "/demo/api/master-data/generated-records"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Basic " + basic)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An editor lets the identity provider's user of the same name take an account at their next single sign-on:
     * without it, an account the provider did not make is never given to a provider's user. Viewers may not.
     */
    @Test
    void anEditorOpensAnAccountToSingleSignOnAndItIsAudited() {
        String user = newUser("linkable-1");
        long id = idOf(user);
        assertFalse(user(user).getBoolean("providerLinkOpen"), "closed unless an editor opens it");
        HttpResponse<String> byViewer =
                AdminApi.as(user, "linkable-1").call("POST", "/api/admin/users/" + id + "/provider-link", "{}");
        assertEquals(403, byViewer.statusCode(), byViewer.body());
        HttpResponse<String> opened = admin.call("POST", "/api/admin/users/" + id + "/provider-link", "{}");
        assertEquals(200, opened.statusCode(), opened.body());
        assertTrue(
                opened.body().contains("\"providerLinkOpen\":true")
                        && opened.body().contains("\"providerLinked\":false"),
                opened.body());
        assertEquals(1, auditOf(user).split("USER_PROVIDER_LINK_OPENED", -1).length - 1, auditOf(user));
    }

    @Test
    void aPasswordSetByAnEditorEndsTheUsersSessionsAndMustBeChangedBeforeAnythingElse() {
        String user = newUser("own-choice-1");
        AdminApi session = AdminApi.as(user, "own-choice-1");
        assertTrue(session.signedIn());

        HttpResponse<String> set = admin.call(
                "PUT", "/api/admin/users/" + idOf(user) + "/password", "{\"password\":\"given-by-admin-1\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertTrue(set.body().contains("\"mustChangePassword\":true"), set.body());
        assertEquals(401, session.call("GET", "/api/admin/sites", null).statusCode(), "the user's session ended");

        AdminApi again = AdminApi.as(user, "not-yet");
        HttpResponse<String> page = again.signInAgain(user, "given-by-admin-1");
        assertTrue(
                page.uri().getPath().endsWith("/password.xhtml"),
                "signing in leads to the change-password page: " + page.uri());
        HttpResponse<String> refused = again.call("GET", "/api/admin/sites", null);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(
                "password_change_required",
                Json.createReader(new StringReader(refused.body()))
                        .readObject()
                        .getJsonObject("error")
                        .getString("code"),
                "a well-formed error body: " + refused.body());
        HttpResponse<String> sitesPage = again.call("GET", "/sites.xhtml", null);
        assertTrue(sitesPage.uri().getPath().endsWith("/password.xhtml"), "pages lead there too: " + sitesPage.uri());

        assertEquals(
                200,
                again.call(
                                "PUT",
                                "/api/admin/me/password",
                                "{\"currentPassword\":\"given-by-admin-1\",\"newPassword\":\"own-again-2\"}")
                        .statusCode());
        assertEquals(200, again.call("GET", "/api/admin/sites", null).statusCode());
        assertTrue(auditOf(user).contains("PASSWORD_SET"), auditOf(user));
    }

    @Test
    void aDisabledUserIsSignedOutAtTheirNextRequestAndSignsInAgainOnceEnabled() {
        String user = newUser("disabled-1");
        AdminApi session = AdminApi.as(user, "disabled-1");
        assertTrue(session.signedIn());
        HttpResponse<String> disabled = admin.call("POST", "/api/admin/users/" + idOf(user) + "/disable", "{}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertTrue(disabled.body().contains("\"enabled\":false"), disabled.body());

        HttpResponse<String> next = session.call("GET", "/api/admin/sites", null);
        assertEquals(401, next.statusCode(), next.body());
        HttpResponse<String> page = session.call("GET", "/sites.xhtml", null);
        assertTrue(
                page.uri().toString().contains("login.xhtml?ended=true")
                        || page.body().contains("id=\"login-form\""),
                "a page goes to the sign-in form: " + page.uri());
        assertFalse(AdminApi.as(user, "disabled-1").signedIn(), "a disabled user cannot sign in");

        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + idOf(user) + "/enable", "{}")
                        .statusCode());
        assertTrue(AdminApi.as(user, "disabled-1").signedIn());
        String audit = auditOf(user);
        assertTrue(audit.contains("USER_DISABLED") && audit.contains("USER_ENABLED"), audit);
    }

    @Test
    void aRevokedPermissionEndsTheSessionOnItsNextRequest() {
        String user = newUser("revoked-1");
        long id = idOf(user);
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + id + "/permissions/EDIT_SYNC_SETTINGS", "{}")
                        .statusCode());
        AdminApi editor = AdminApi.as(user, "revoked-1");
        assertEquals(200, editor.call("GET", "/api/admin/audit", null).statusCode(), "an editor reads the audit trail");

        assertEquals(
                200,
                admin.call("DELETE", "/api/admin/users/" + id + "/permissions/EDIT_SYNC_SETTINGS", null)
                        .statusCode());
        HttpResponse<String> next = editor.call("GET", "/api/admin/audit", null);
        assertEquals(401, next.statusCode(), "the revoked permission works no more: " + next.body());
        AdminApi viewer = AdminApi.as(user, "revoked-1");
        assertEquals(403, viewer.call("GET", "/api/admin/audit", null).statusCode());
    }

    @Test
    void nobodyDisablesThemselves() {
        HttpResponse<String> self = admin.call("POST", "/api/admin/users/" + idOf("admin") + "/disable", "{}");
        assertEquals(400, self.statusCode(), self.body());
        assertTrue(self.body().contains("your own account"), self.body());
    }

    /**
     * Two editors, the only enabled ones, disable each other at the same moment, ten times over: each time exactly
     * one is left enabled. (Without the lock, both changes commit and nobody may edit sync settings any more.)
     */
    @Test
    void twoEditorsDisablingEachOtherAtOnceAlwaysLeaveOneEnabledEditor() throws Exception {
        String[] editors = {newUser("editor-one-1"), newUser("editor-two-2")};
        String[] passwords = {"editor-one-1", "editor-two-2"};
        long[] ids = {idOf(editors[0]), idOf(editors[1])};
        for (long id : ids) {
            admin.call("PUT", "/api/admin/users/" + id + "/permissions/EDIT_SYNC_SETTINGS", "{}");
        }
        AdminApi first = AdminApi.as(editors[0], passwords[0]);
        List<Long> othersDisabled = new ArrayList<>();
        for (long other : enabledEditors(first)) {
            if (other != ids[0] && other != ids[1]) {
                assertEquals(
                        200,
                        first.call("POST", "/api/admin/users/" + other + "/disable", "{}")
                                .statusCode());
                othersDisabled.add(other);
            }
        }
        AdminApi survivorApi = first;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                AdminApi[] sessions = {AdminApi.as(editors[0], passwords[0]), AdminApi.as(editors[1], passwords[1])};
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    AdminApi me = sessions[i];
                    long other = ids[1 - i];
                    answers.add(pool.submit(() -> {
                        together.await();
                        return me.call("POST", "/api/admin/users/" + other + "/disable", "{}")
                                .statusCode();
                    }));
                }
                int succeeded = 0;
                for (Future<Integer> answer : answers) {
                    succeeded += answer.get() == 200 ? 1 : 0;
                }
                List<Long> enabled = enabledEditors(sessions);
                assertEquals(1, enabled.size(), "round " + round + ": enabled editors " + enabled);
                assertEquals(1, succeeded, "round " + round + ": exactly one of the two was done");
                int survivor = enabled.get(0) == ids[0] ? 0 : 1;
                survivorApi = AdminApi.as(editors[survivor], passwords[survivor]);
                HttpResponse<String> last = survivorApi.call(
                        "DELETE", "/api/admin/users/" + ids[survivor] + "/permissions/EDIT_SYNC_SETTINGS", null);
                assertEquals(400, last.statusCode(), "the last enabled editor keeps the permission: " + last.body());
                assertEquals(
                        200,
                        survivorApi
                                .call("POST", "/api/admin/users/" + ids[1 - survivor] + "/enable", "{}")
                                .statusCode());
            }
        } finally {
            pool.shutdownNow();
            for (long other : othersDisabled) {
                survivorApi.call("POST", "/api/admin/users/" + other + "/enable", "{}");
            }
        }
        assertTrue(AdminApi.asAdmin().signedIn(), "the admin is enabled again");
    }

    @Test
    void fiftyParallelWrongPasswordsMakeTheAccountWaitOnceAndEnableLiftsIt() throws Exception {
        String user = newUser("patient-1");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CyclicBarrier together = new CyclicBarrier(50);
            List<Future<String>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int guess = i;
                guesses.add(pool.submit(() -> {
                    Browserless client = new Browserless();
                    together.await();
                    return client.postForm("/sign-in", "j_username", user, "j_password", "guess-" + guess + "-xyz")
                            .uri()
                            .toString();
                }));
            }
            for (Future<String> guess : guesses) {
                // refused, or turned away before anything was counted (the node checks a bounded number at once)
                assertTrue(
                        guess.get().endsWith("/login.xhtml?failed=true")
                                || guess.get().endsWith("/login.xhtml?busy=true"),
                        guess.get());
            }
        } finally {
            pool.shutdownNow();
        }
        TestData data = TestData.fromOutside();
        assertTrue(
                data.count("SELECT failed_sign_ins FROM app_user WHERE username = ?", user) <= 5,
                "each sign-in was counted before its password was checked: at most 5 checked");
        for (int more = 0; more < 10 && !user(user).containsKey("signInsWaitUntil"); more++) {
            assertTrue(new Browserless()
                    .postForm("/sign-in", "j_username", user, "j_password", "more-" + more)
                    .uri()
                    .toString()
                    .endsWith("/login.xhtml?failed=true"));
        }
        assertEquals(5, data.count("SELECT failed_sign_ins FROM app_user WHERE username = ?", user));
        assertFalse(AdminApi.as(user, "patient-1").signedIn(), "the right password waits too");
        assertTrue(user(user).containsKey("signInsWaitUntil"), user(user).toString());
        String audit = auditOf(user);
        assertEquals(1, audit.split("USER_SIGN_INS_WAIT", -1).length - 1, "the wait is audited once: " + audit);

        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + idOf(user) + "/enable", "{}")
                        .statusCode());
        assertTrue(AdminApi.as(user, "patient-1").signedIn(), "enabling lifts the wait");
    }

    private String newUser(String password) {
        String name = TestData.unique("account").toLowerCase();
        HttpResponse<String> created = admin.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + name + "\",\"fullName\":\"Test User\",\"password\":\"" + password + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private long idOf(String username) {
        return user(username).getJsonNumber("id").longValue();
    }

    private JsonObject user(String username) {
        String users = admin.call("GET", "/api/admin/users", null).body();
        return Json.createReader(new StringReader(users)).readArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> username.equals(u.getString("username")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(username + " not in " + users));
    }

    /** The IDs of the enabled users who may edit sync settings, as the first editor's session that may lists them. */
    private static List<Long> enabledEditors(AdminApi... sessions) {
        for (AdminApi session : sessions) {
            HttpResponse<String> users = session.call("GET", "/api/admin/users", null);
            if (users.statusCode() == 200) {
                return Json.createReader(new StringReader(users.body()))
                        .readArray()
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(u -> u.getBoolean("enabled")
                                && u.getJsonArray("permissions").toString().contains("EDIT_SYNC_SETTINGS"))
                        .map(u -> u.getJsonNumber("id").longValue())
                        .toList();
            }
        }
        return List.of(); // none of them may list users: nobody may edit sync settings any more
    }

    /** The audit entries about this user, as "ACTION ..." lines. */
    private String auditOf(String username) {
        return Json.createReader(new StringReader(
                        admin.call("GET", "/api/admin/audit?limit=500", null).body()))
                .readArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(entry -> username.equals(entry.getString("entityLabel", null)))
                .map(entry -> entry.getString("action") + " " + entry.getString("newValue", ""))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** Where the sign-in form leads a fresh client with these credentials. */
    private static String finalPage(String user, String password) {
        return new Browserless().signIn(user, password).uri().toString();
    }
}
