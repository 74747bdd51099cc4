package org.syncsites.web.siteusers;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import org.syncsites.platform.RuleViolation;
import org.syncsites.siteusers.SiteUserAdministration;
import org.syncsites.siteusers.SiteUserViews;
import org.syncsites.web.faces.Messages;

/**
 * The permission templates window of the site users page: the named sets of mSupply's legacy permission numbers that
 * store access is given by. Editors change a template's numbers or make a new one; every user given it has the new
 * numbers at their next sign-in.
 */
@Named
@ViewScoped
public class PermissionTemplatesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteUserAdministration users;

    private transient List<SiteUserViews.Template> templates;
    private String name = "";
    private String permissions = "";

    public List<SiteUserViews.Template> getTemplates() {
        if (templates == null) {
            templates = users.templates();
        }
        return templates;
    }

    /** The template's numbers as the window writes them. */
    public String written(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Fills the form with a template, to change its numbers. */
    public void edit(SiteUserViews.Template template) {
        name = template.name();
        permissions = written(template.permissions());
    }

    /** Saves the form: the template of that name (ignoring case) gets these numbers, or is made. */
    public void save() {
        try {
            SiteUserViews.Template saved = users.saveTemplate(name, SiteUsersView.parsePermissions(permissions));
            Messages.info(Messages.say(
                    "siteUsers.templates.saved",
                    saved.name(),
                    saved.permissions().size()));
            templates = null;
            name = "";
            permissions = "";
        } catch (RuleViolation e) {
            Messages.show(e, "templates");
        } catch (NumberFormatException e) {
            Messages.error(Messages.say("siteUsers.permissions.numbers"));
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getPermissions() {
        return permissions;
    }

    public void setPermissions(String permissions) {
        this.permissions = permissions == null ? "" : permissions;
    }
}
