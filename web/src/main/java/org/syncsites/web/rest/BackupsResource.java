package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.syncsites.backup.Backup;
import org.syncsites.backup.DatabaseBackups;

/**
 * Backups of the embedded H2 database (README "Backups"): the backups kept, newest first, and a backup made now
 * (editors; 400 on PostgreSQL, which its own tools back up).
 */
@Path("/admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BackupsResource {

    @EJB
    private DatabaseBackups backups;

    @GET
    public List<Backup> list() {
        return backups.list();
    }

    /** 201 with the backup made. */
    @POST
    public Response backUpNow() {
        return Response.status(Response.Status.CREATED)
                .entity(backups.backUpNow())
                .build();
    }
}
