package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import org.syncsites.it.support.AdminApi;

/**
 * How the benchmarks of the administration time a page or an API call: the median of 21 signed-in GETs after 5 not
 * counted, printed beside {@code /api/health} measured in the same run, with the goal.
 */
final class SignedInTimes {

    private SignedInTimes() {}

    /**
     * Prints the figure and its {@code RESULT} line for benchmark.sh's table.
     *
     * @param setting the data it was measured on, e.g. "10,000 sites and 1,000,000 sessions"
     */
    static void result(AdminApi admin, String what, String setting, String path, double health, String goal) {
        double ms = median(admin, path);
        print("%s: %.0f ms (GET /api/health: %.1f ms)", what, ms, health);
        print(
                "RESULT|%s, %s (median ms) vs /api/health|%.0f|%.1f|%.1f|%s",
                what, setting, ms, health, ms / health, goal);
    }

    /** The median time of 21 GETs, after 5 not counted, each answered 200. */
    static double median(AdminApi admin, String path) {
        double[] ms = new double[21];
        for (int i = -5; i < ms.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = admin.call("GET", path, null);
            double took = (System.nanoTime() - start) / 1e6;
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            if (i >= 0) {
                ms[i] = took;
            }
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static void print(String format, Object... values) {
        System.out.println("BENCHMARK " + String.format(format, values));
    }
}
