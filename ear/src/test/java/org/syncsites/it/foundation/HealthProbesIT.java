package org.syncsites.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestServer;

/** The probes a load balancer or Kubernetes asks, without signing in: readiness and liveness, answered apart. */
@ExtendWith(TestServer.class)
class HealthProbesIT {

    @Test
    void readinessSaysTheNodeCanServeWithItsDatabase() {
        JsonObject ready = probe("/api/health/ready");
        assertEquals("UP", ready.getString("status"), ready.toString());
        assertTrue(ready.getJsonObject("checks").getString("database").startsWith("UP"), ready.toString());
        assertEquals("UP", ready.getJsonObject("checks").getString("centralSite"));
        assertEquals(
                ready.getJsonObject("checks").getString("schemaVersion"),
                probe("/api/health").getJsonObject("checks").getString("schemaVersion"),
                "/api/health answers the same");
    }

    @Test
    void livenessIsAnsweredWithoutTheDatabase() {
        JsonObject live = probe("/api/health/live");
        assertEquals("UP", live.getString("status"));
        assertTrue(live.containsKey("since"));
        assertFalse(live.containsKey("checks"), "liveness does not ask the database: " + live);
    }

    private static JsonObject probe(String path) {
        HttpResponse<String> answer = new Browserless().get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }
}
