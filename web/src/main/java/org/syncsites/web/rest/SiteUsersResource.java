package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.syncsites.platform.ListPage;
import org.syncsites.siteusers.SiteUserAdministration;
import org.syncsites.siteusers.SiteUserImport;
import org.syncsites.siteusers.SiteUserViews;

/**
 * The people who use the sites (mSupply user accounts, who sign in to open-mSupply's devices through the central):
 * the list, one user with their store access and sign-ins, creating, changing and deleting them, their store access,
 * copying it to others, and the permission templates.
 */
@Path("/admin/site-users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteUsersResource {

    @EJB
    private SiteUserAdministration users;

    @EJB
    private SiteUserImport siteUserImport;

    /** The users to whom another's store access is copied. */
    public record CopyAccess(List<Long> to) {}

    /** A page of the users, by user name: {@code ?filter=&store=&site=&template=&offset=0&limit=100}. */
    @GET
    public ListPage<SiteUserViews.Summary> list(
            @QueryParam("filter") @DefaultValue("") String filter,
            @QueryParam("store") String store,
            @QueryParam("site") String site,
            @QueryParam("template") String template,
            @BeanParam PageRequest page) {
        return users.list(filter, store, site, template, page.offset(), page.limit());
    }

    /** A new user: {@code username}, names, {@code email}, {@code phone}, {@code jobTitle}, {@code language}, password. */
    @POST
    public Response create(SiteUserViews.Change user) {
        SiteUserViews.Details created = users.create(user);
        return Response.created(
                        URI.create("/api/admin/site-users/" + created.user().id()))
                .entity(created)
                .build();
    }

    /** Every user and their store access as CSV, one line per user and store: the file the import reads. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export() {
        List<List<String>> lines = users.exportLines();
        return Csv.download("site-users.csv", csv -> {
            for (List<String> line : lines) {
                csv.row(line.toArray());
            }
        });
    }

    /**
     * Users and their store access from a CSV file (the export's columns, plus {@code password} for new users).
     * Without {@code apply=true} nothing changes: the answer says how many users would be created or changed and
     * what is wrong, line by line; with it every user is applied in one transaction, or none (400).
     */
    @POST
    @Path("import")
    @Consumes("text/csv")
    public SiteUserImport.Plan importUsers(String csv, @QueryParam("apply") @DefaultValue("false") boolean apply) {
        List<SiteUserImport.Line> lines = SiteUserFile.lines(csv);
        return apply ? siteUserImport.apply(lines) : siteUserImport.preview(lines);
    }

    /** The permission templates (named sets of mSupply's legacy permission numbers). */
    @GET
    @Path("permission-templates")
    public List<SiteUserViews.Template> templates() {
        return users.templates();
    }

    /** Creates the template of this name, or gives it these permissions: {@code {"permissions":[2,26,39]}}. */
    @PUT
    @Path("permission-templates/{name}")
    public SiteUserViews.Template saveTemplate(@PathParam("name") String name, SiteUserViews.Template template) {
        return users.saveTemplate(name, template == null ? List.of() : template.permissions());
    }

    @GET
    @Path("{id}")
    public SiteUserViews.Details details(@PathParam("id") long id) {
        return users.details(id);
    }

    /** Changes what the body gives (with {@code expectedVersion}, refused 409 when the user changed meanwhile). */
    @PUT
    @Path("{id}")
    public SiteUserViews.Details update(@PathParam("id") long id, SiteUserViews.Change change) {
        return users.update(id, change);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        users.delete(id);
        return Response.noContent().build();
    }

    /** Replaces the user's store access: {@code [{"store","canLogin","isDefault","template","permissions"}]}. */
    @PUT
    @Path("{id}/stores")
    public SiteUserViews.Details setStores(@PathParam("id") long id, List<SiteUserViews.AccessChange> access) {
        return users.setStores(id, access);
    }

    /** Gives other users the same store access as this one: {@code {"to":[ids]}}. */
    @POST
    @Path("{id}/copy-access")
    public Map<String, Integer> copyAccess(@PathParam("id") long id, CopyAccess copy) {
        return Map.of("copied", users.copyAccess(id, copy == null ? List.of() : copy.to()));
    }
}
