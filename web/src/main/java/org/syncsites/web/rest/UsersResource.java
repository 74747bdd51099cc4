package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncsites.security.Permission;
import org.syncsites.security.UserAdministration;
import org.syncsites.security.UserView;

import java.net.URI;
import java.util.List;

/** Users and their permissions (admins only). */
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private UserAdministration users;

    /** Body of a new user. */
    public record NewUser(String username, String fullName, String password) {
    }

    @GET
    public List<UserView> list() {
        return users.list();
    }

    @POST
    public Response create(NewUser user) {
        UserView created = users.create(user.username(), user.fullName(), user.password());
        return Response.created(URI.create("/api/admin/users/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}/permissions/{permission}")
    public UserView grant(@PathParam("id") long id, @PathParam("permission") Permission permission) {
        return users.grant(id, permission);
    }

    @DELETE
    @Path("{id}/permissions/{permission}")
    public UserView revoke(@PathParam("id") long id, @PathParam("permission") Permission permission) {
        return users.revoke(id, permission);
    }
}
