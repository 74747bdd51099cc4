package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;

import java.util.List;

/** The audit trail, most recent first (admins only). */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditTrail audit;

    @GET
    public List<AuditView> recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.recent(limit);
    }
}
