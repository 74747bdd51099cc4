package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;

/** The audit trail, most recent first (admins only). */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditTrail audit;

    @GET
    public List<AuditView> recent(
            @QueryParam("limit")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            defaultValue = Paging.PAGE,
                                            minimum = "1",
                                            maximum = Paging.MOST))
                    String limit) {
        return audit.recent(Paging.limit(limit, Paging.PAGE));
    }
}
