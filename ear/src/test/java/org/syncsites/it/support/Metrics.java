package org.syncsites.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The server's Prometheus metrics, read from the management interface as Prometheus does. */
public final class Metrics {

    /** Where WildFly's micrometer subsystem serves the Prometheus registry (wildfly-config/cli/metrics.cli). */
    static final String METRICS =
            System.getProperty("syncsites.it.management.url", "http://127.0.0.1:9990") + "/metrics";

    private Metrics() {}

    /**
     * The metrics as Prometheus reads them: each series (name and labels, labels sorted, WildFly's own "app" and
     * deployment labels, such as WF_DEPLOYMENT, left out) to its value.
     */
    public static Map<String, Double> scrape() {
        HttpResponse<String> answer = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(METRICS)).GET().build());
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, Double> series = new HashMap<>();
        Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        for (String text : answer.body().split("\n")) {
            Matcher m = line.matcher(text.strip());
            if (text.startsWith("#") || !m.matches()) {
                continue;
            }
            TreeMap<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = label.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            labels.keySet().removeAll(Set.of("app", "deployment", "subdeployment", "WF_DEPLOYMENT"));
            String key = m.group(1)
                    + (labels.isEmpty()
                            ? ""
                            : labels.entrySet().stream()
                                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                                    .collect(Collectors.joining(",", "{", "}")));
            series.merge(key, Double.parseDouble(m.group(3)), Double::sum);
        }
        return series;
    }
}
