package org.syncsites.web.sync;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.syncsites.platform.Text;
import org.syncsites.siteusers.SiteUserSignIns;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.PatientLinks;
import org.syncsites.sync.SiteSignIn;
import org.syncsites.sync.SyncRefusal;

/**
 * The legacy API v4 endpoints open-mSupply calls on its central besides sync (docs/open-msupply-data.md, "API v4"),
 * {@code POST /api/v4/login} signs a site user in to a device; the others are signed in with the site's sync
 * credentials (HTTP Basic, no device): {@code GET /api/v4/patient} searches the
 * central's patients, {@code POST /api/v4/name_store_join} makes a patient found there visible to one of the site's
 * stores. Answered 200 with the join, as open-mSupply
 * takes any other status as a failure; 401 for wrong credentials.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LegacyApiV4Resource {

    @EJB
    private SiteSignIn signIn;

    @EJB
    private PatientLinks patients;

    @EJB
    private SiteUserSignIns siteUsers;

    @Context
    private HttpServletRequest request;

    /**
     * The central's patients that match, as a JSON array (open-mSupply's search for a patient before creating one):
     * {@code first_name} and {@code last_name} with {@code @} standing for any text, {@code code} whole, {@code dob}
     * ({@code YYYY-MM-DD}); deleted patients are never found.
     */
    @GET
    @Path("patient")
    public String searchPatients(
            @QueryParam("first_name") String first,
            @QueryParam("last_name") String last,
            @QueryParam("code") String code,
            @QueryParam("dob") String birthDate) {
        AuthenticatedSite site = signIn.signInWithCredentials(request.getHeader("Authorization"));
        return patients.search(site, first, last, code, birthDate);
    }

    /**
     * A site user signing in to an open-mSupply device ({@code {"username","password","loginType","siteName"}}):
     * answered as {@link SiteUserSignIns} says. Only over HTTPS (the password travels in the body) unless the operator
     * allows HTTP ({@code -Dsyncsites.siteUsers.allowHttp=true}); refused otherwise with a 403 that is not the lockout's
     * shape, so that the device still signs its cached users in.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.WILDCARD)
    public Response login(String body) {
        // behind a TLS proxy, isSecure() says what the proxy was asked once Undertow trusts its forwarded headers
        if (!request.isSecure() && !Boolean.getBoolean("syncsites.siteUsers.allowHttp")) {
            return Response.status(403)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder()
                            .add("status", "error")
                            .add("message", Text.of("siteUser.httpRefused").english())
                            .build()
                            .toString())
                    .build();
        }
        JsonObject asked;
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            asked = reader.readObject();
        } catch (RuntimeException e) {
            throw SyncRefusal.badRequest(Text.of(
                    "sync.body.malformed",
                    "Send {\"username\": ..., \"password\": ..., \"loginType\": \"User\", \"siteName\": ...}."));
        }
        SiteUserSignIns.Answer answer = siteUsers.signIn(
                text(asked, "username"), text(asked, "password"), text(asked, "siteName"), request.getRemoteAddr());
        return Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(answer.body())
                .build();
    }

    @POST
    @Path("name_store_join")
    @Consumes(MediaType.WILDCARD)
    public String linkPatientToStore(String body) {
        AuthenticatedSite site = signIn.signInWithCredentials(request.getHeader("Authorization"));
        JsonObject asked;
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            asked = reader.readObject();
        } catch (RuntimeException e) {
            throw SyncRefusal.badRequest(Text.of("sync.body.malformed", "Send {\"name_ID\": ..., \"store_ID\": ...}."));
        }
        PatientLinks.Join join = patients.link(site, text(asked, "name_ID"), text(asked, "store_ID"));
        return Json.createObjectBuilder()
                .add("ID", join.id())
                .add("name_ID", join.nameId())
                .add("store_ID", join.storeId())
                .add("inactive", false)
                .build()
                .toString();
    }

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
