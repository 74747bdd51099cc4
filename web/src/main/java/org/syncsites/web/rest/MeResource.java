package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.syncsites.user.UserAdministration;
import org.syncsites.user.UserView;
import org.syncsites.web.session.AccountCheck;

/** The signed-in user's own account: every user, whatever their permissions. */
@Path("/admin/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeResource {

    @EJB
    private UserAdministration users;

    /** Body of a password change. */
    public record PasswordChange(String currentPassword, String newPassword) {}

    @GET
    public UserView me() {
        return users.currentUser();
    }

    /** Changes the caller's password; this session goes on, the user's other sessions end. */
    @PUT
    @Path("password")
    public UserView changePassword(PasswordChange change, @Context HttpServletRequest request) {
        long accessVersion = change == null
                ? users.changeOwnPassword(null, null)
                : users.changeOwnPassword(change.currentPassword(), change.newPassword());
        AccountCheck.remember(request.getSession(true), accessVersion);
        return users.currentUser();
    }
}
