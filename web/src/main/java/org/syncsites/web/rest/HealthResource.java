package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncsites.platform.Readiness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/health}: 200 with {@code "status":"UP"} when this node can serve (database reachable, schema
 * migrated, central site present), else 503 with {@code "status":"DOWN"}. Needs no login: for load balancers.
 */
@Path("/health")
public class HealthResource {

    @EJB
    private Readiness readiness;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Readiness.Report report = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "UP" : "DOWN");
        body.put("checks", report.checks());
        return Response.status(report.ready() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body).build();
    }
}
