package org.syncsites.web.sync;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.PatientLinks;
import org.syncsites.sync.SiteSignIn;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.platform.Text;

import java.io.StringReader;

/**
 * The legacy API v4 endpoints open-mSupply calls on its central besides sync (docs/open-msupply-data.md, "API v4"),
 * signed in with the site's sync credentials (HTTP Basic, no device): {@code POST /api/v4/name_store_join} makes a
 * patient found on the central visible to one of the site's stores. Answered 200 with the join, as open-mSupply
 * takes any other status as a failure; 401 for wrong credentials.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LegacyApiV4Resource {

    @EJB
    private SiteSignIn signIn;

    @EJB
    private PatientLinks patients;

    @Context
    private HttpServletRequest request;

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
        return Json.createObjectBuilder().add("ID", join.id()).add("name_ID", join.nameId())
                .add("store_ID", join.storeId()).add("inactive", false).build().toString();
    }

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
