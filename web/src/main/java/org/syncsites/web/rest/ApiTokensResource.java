package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.syncsites.platform.Text;
import org.syncsites.user.ApiTokenView;
import org.syncsites.user.ApiTokens;
import org.syncsites.user.NewApiToken;
import org.syncsites.web.session.AccountCheck;

/**
 * The signed-in user's own API tokens. A token is created only by a user signed in with their password (a page
 * session or the sign-in form), never with another token: a token that leaked cannot make more that outlive its
 * revocation.
 */
@Path("/admin/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokensResource {

    @EJB
    private ApiTokens tokens;

    /** Body of a new token: its name and for how many days it is valid (absent: until revoked). */
    public record TokenRequest(String name, Integer validDays) {}

    /** A token just created: the only answer that holds the token itself. */
    public record CreatedToken(
            long id, String name, String tokenStart, Instant createdAt, Instant expiresAt, String token) {
        static CreatedToken of(NewApiToken created) {
            ApiTokenView view = created.view();
            return new CreatedToken(
                    view.id(), view.name(), view.tokenStart(), view.createdAt(), view.expiresAt(), created.token());
        }
    }

    @GET
    public List<ApiTokenView> mine() {
        return tokens.mine();
    }

    @POST
    public Response create(TokenRequest request, @Context HttpServletRequest http, @Context HttpHeaders headers) {
        if (AccountCheck.byToken(http)) {
            return ErrorBody.of(
                    Response.Status.FORBIDDEN,
                    "token_cannot_create_tokens",
                    Text.of("api.error.tokenCannotCreateTokens"),
                    ErrorBody.language(headers));
        }
        NewApiToken created =
                request == null ? tokens.create(null, null) : tokens.create(request.name(), request.validDays());
        return Response.created(
                        URI.create("/api/admin/me/tokens/" + created.view().id()))
                .entity(CreatedToken.of(created))
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
