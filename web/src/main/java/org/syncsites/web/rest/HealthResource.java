package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.syncsites.platform.Readiness;

/**
 * Probes for load balancers and orchestrators (Kubernetes), without signing in, answered apart:
 * <ul>
 *   <li>{@code GET /api/health/ready} (and {@code GET /api/health}, as before): 200 with {@code "status":"UP"} when this
 *       node can serve (database reachable, schema migrated, central site present), else 503 with
 *       {@code "status":"DOWN"}. Route traffic by it; a node that is not ready needs no restart.</li>
 *   <li>{@code GET /api/health/live}: 200 while the application answers, without asking the database, so that a
 *       database outage makes the nodes not ready but does not get them all restarted.</li>
 * </ul>
 */
@Path("/health")
public class HealthResource {

    private static final Instant STARTED = Instant.now();

    @EJB
    private Readiness readiness;

    @GET
    @Path("live")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> live() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("since", STARTED.toString());
        return body;
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        return health();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Readiness.Report report = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "UP" : "DOWN");
        body.put("checks", report.checks());
        return Response.status(report.ready() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body)
                .build();
    }
}
