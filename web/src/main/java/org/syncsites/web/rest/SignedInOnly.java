package org.syncsites.web.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.Text;

/**
 * The administration API answers a caller who is not signed in with 401 and the error body, as an API client
 * expects (the sign-in form, which pages redirect to, means nothing to a script). Who may do what is still decided
 * by the EJBs ({@code @RolesAllowed}).
 */
@Provider
public class SignedInOnly implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(); // "/admin/sites" or "admin/sites", as the runtime has it
        if (path.replaceFirst("^/", "").startsWith("admin")
                && request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(ErrorBody.of(
                    Response.Status.UNAUTHORIZED,
                    "sign_in_required",
                    Text.of("api.error.signInRequired"),
                    Text.firstSpoken(request.getHeaderString("Accept-Language"))));
        }
    }
}
