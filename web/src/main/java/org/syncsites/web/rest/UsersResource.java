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
import java.net.URI;
import java.util.List;
import org.syncsites.security.Permission;
import org.syncsites.user.UserAdministration;
import org.syncsites.user.UserView;

/** Users and their permissions (admins only). */
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private UserAdministration users;

    /** Body of a new user. */
    public record NewUser(String username, String fullName, String password) {}

    @GET
    public List<UserView> list() {
        return users.list();
    }

    @POST
    public Response create(NewUser user) {
        UserView created = users.create(user.username(), user.fullName(), user.password());
        return Response.created(URI.create("/api/admin/users/" + created.id()))
                .entity(created)
                .build();
    }

    /** Body of a password an editor sets for another user. */
    public record NewPassword(String password) {}

    /** Sets another user's password: their sessions end and they must choose their own at their next sign-in. */
    @PUT
    @Path("{id}/password")
    public UserView setPassword(@PathParam("id") long id, NewPassword body) {
        return users.setPassword(id, body == null ? null : body.password());
    }

    @POST
    @Path("{id}/disable")
    public UserView disable(@PathParam("id") long id) {
        return users.disable(id);
    }

    /**
     * Lets the identity provider's user of the same name take this account at their next single sign-on (an account
     * the provider did not make is never given to a provider's user otherwise).
     */
    @POST
    @Path("{id}/provider-link")
    public UserView openProviderLink(@PathParam("id") long id) {
        return users.openProviderLink(id);
    }

    /** Enables the user, and lifts a wait after failed sign-ins. */
    @POST
    @Path("{id}/enable")
    public UserView enable(@PathParam("id") long id) {
        return users.enable(id);
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
