package org.syncsites.web.siteusers;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.RuleViolation;
import org.syncsites.siteusers.Language;
import org.syncsites.siteusers.LegacyPermissions;
import org.syncsites.siteusers.SiteUserAdministration;
import org.syncsites.siteusers.SiteUserViews;
import org.syncsites.web.faces.Messages;

/**
 * The Site users page: the list (filtered by name, store, site and template), a new user, and the chosen user's window:
 * their details, a new password, their store access (one line per store: may sign in, default store, a template or
 * permission numbers of its own) and their latest sign-ins. Nothing of the window is saved until its Save.
 */
@Named
@ViewScoped
public class SiteUsersView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** At most this many users are listed; the filters narrow it. */
    static final int LISTED = 500;

    @EJB
    private SiteUserAdministration users;

    private String filter = "";
    private String store = "";
    private String site = "";
    private String template = "";
    private transient List<SiteUserViews.Summary> rows;
    private long matching;

    private String newUsername = "";
    private String newFirstName = "";
    private String newLastName = "";
    private String newPassword = "";
    private String newLanguage = "en";

    private SiteUserViews.Details chosen;
    private String firstName;
    private String lastName;
    private String email;
    private String phone;
    private String jobTitle;
    private String language;
    private boolean active;
    private String password = "";
    private List<AccessLine> access = new ArrayList<>();
    private String storeToAdd = "";

    /** A line of the store-access table as the page edits it. */
    public static final class AccessLine implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String store;
        private final String storeName;
        private final String site;
        private boolean canLogin;
        private boolean isDefault;
        private String template;
        private String permissions;

        AccessLine(
                String store,
                String storeName,
                String site,
                boolean canLogin,
                boolean isDefault,
                String template,
                String permissions) {
            this.store = store;
            this.storeName = storeName;
            this.site = site;
            this.canLogin = canLogin;
            this.isDefault = isDefault;
            this.template = template;
            this.permissions = permissions;
        }

        public String getStore() {
            return store;
        }

        public String getStoreName() {
            return storeName;
        }

        public String getSite() {
            return site;
        }

        public boolean isCanLogin() {
            return canLogin;
        }

        public void setCanLogin(boolean canLogin) {
            this.canLogin = canLogin;
        }

        public boolean isDefault() {
            return isDefault;
        }

        public void setDefault(boolean isDefault) {
            this.isDefault = isDefault;
        }

        public String getTemplate() {
            return template;
        }

        public void setTemplate(String template) {
            this.template = template;
        }

        public String getPermissions() {
            return permissions;
        }

        public void setPermissions(String permissions) {
            this.permissions = permissions;
        }
    }

    public List<SiteUserViews.Summary> getRows() {
        if (rows == null) {
            var page = users.list(filter, store, site, template, 0, LISTED);
            rows = page.rows();
            matching = page.matching();
        }
        return rows;
    }

    public long getMatching() {
        getRows();
        return matching;
    }

    public void search() {
        rows = null;
    }

    public List<String> getTemplateNames() {
        return users.templates().stream().map(SiteUserViews.Template::name).toList();
    }

    public List<String> getLanguages() {
        return Arrays.stream(Language.values()).map(Language::code).toList();
    }

    public void create() {
        try {
            SiteUserViews.Details created = users.create(new SiteUserViews.Change(
                    newUsername, newFirstName, newLastName, null, null, null, newLanguage, true, newPassword, null));
            Messages.info(Messages.say("siteUsers.created", created.user().username()));
            newUsername = "";
            newFirstName = "";
            newLastName = "";
            newPassword = "";
            rows = null;
            choose(created.user().id());
            PrimeFaces.current().executeScript("PF('newSiteUserDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "newSiteUserForm");
        }
    }

    /** Opens the user's window. */
    public void choose(long id) {
        load(users.details(id));
    }

    private void load(SiteUserViews.Details details) {
        chosen = details;
        SiteUserViews.Summary user = details.user();
        firstName = user.firstName();
        lastName = user.lastName();
        email = user.email();
        phone = user.phone();
        jobTitle = user.jobTitle();
        language = user.language();
        active = user.active();
        password = "";
        access = new ArrayList<>();
        for (SiteUserViews.StoreAccess line : details.stores()) {
            access.add(new AccessLine(
                    line.store(),
                    line.storeName(),
                    line.site(),
                    line.canLogin(),
                    line.isDefault(),
                    line.template(),
                    line.permissions() == null ? "" : LegacyPermissions.write(line.permissions())));
        }
    }

    /** Saves the window: the user's details (and password, when one is typed), then their store access. */
    public void save() {
        try {
            users.update(
                    chosen.user().id(),
                    new SiteUserViews.Change(
                            null,
                            firstName,
                            lastName,
                            email,
                            phone,
                            jobTitle,
                            language,
                            active,
                            password.isEmpty() ? null : password,
                            chosen.user().version()));
            List<SiteUserViews.AccessChange> changes = new ArrayList<>();
            for (AccessLine line : access) {
                List<Integer> own = line.permissions == null || line.permissions.isBlank()
                        ? null
                        : parsePermissions(line.permissions);
                changes.add(new SiteUserViews.AccessChange(
                        line.store,
                        line.canLogin,
                        line.isDefault,
                        line.template == null || line.template.isBlank() ? null : line.template,
                        own));
            }
            load(users.setStores(chosen.user().id(), changes));
            Messages.info(Messages.say("siteUsers.saved", chosen.user().username()));
            rows = null;
        } catch (RuleViolation e) {
            Messages.show(e, "siteUser");
        } catch (NumberFormatException e) {
            Messages.error(Messages.say("siteUsers.permissions.numbers"));
        }
    }

    /** The numbers of a list written "2, 26,39" (checked by the business tier); a word: NumberFormatException. */
    static List<Integer> parsePermissions(String written) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : written.split(",")) {
            if (!part.isBlank()) {
                numbers.add(Integer.parseInt(part.strip()));
            }
        }
        return numbers;
    }

    public void addStore() {
        String code = storeToAdd == null ? "" : storeToAdd.strip();
        if (!code.isEmpty() && access.stream().noneMatch(line -> line.store.equalsIgnoreCase(code))) {
            access.add(new AccessLine(code, "", "", true, access.isEmpty(), "Read only", ""));
        }
        storeToAdd = "";
    }

    public void removeStore(AccessLine line) {
        access.remove(line);
    }

    public void delete() {
        try {
            users.delete(chosen.user().id());
            Messages.info(Messages.say("siteUsers.deleted", chosen.user().username()));
            chosen = null;
            rows = null;
        } catch (RuleViolation e) {
            Messages.show(e, "siteUser");
        }
    }

    public void close() {
        chosen = null;
    }

    // ------------------------------------------------------------------ properties

    public SiteUserViews.Details getChosen() {
        return chosen;
    }

    public List<AccessLine> getAccess() {
        return access;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter == null ? "" : filter;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store == null ? "" : store;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site == null ? "" : site;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template == null ? "" : template;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String value) {
        this.newUsername = value == null ? "" : value;
    }

    public String getNewFirstName() {
        return newFirstName;
    }

    public void setNewFirstName(String value) {
        this.newFirstName = value == null ? "" : value;
    }

    public String getNewLastName() {
        return newLastName;
    }

    public void setNewLastName(String value) {
        this.newLastName = value == null ? "" : value;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String value) {
        this.newPassword = value == null ? "" : value;
    }

    public String getNewLanguage() {
        return newLanguage;
    }

    public void setNewLanguage(String value) {
        this.newLanguage = value == null ? "en" : value;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String value) {
        this.firstName = value == null ? "" : value;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String value) {
        this.lastName = value == null ? "" : value;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String value) {
        this.email = value == null ? "" : value;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String value) {
        this.phone = value == null ? "" : value;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String value) {
        this.jobTitle = value == null ? "" : value;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String value) {
        this.language = value;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean value) {
        this.active = value;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String value) {
        this.password = value == null ? "" : value;
    }

    public String getStoreToAdd() {
        return storeToAdd;
    }

    public void setStoreToAdd(String value) {
        this.storeToAdd = value;
    }
}
