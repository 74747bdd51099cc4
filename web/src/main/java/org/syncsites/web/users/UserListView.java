package org.syncsites.web.users;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.RuleViolation;
import org.syncsites.security.Permission;
import org.syncsites.user.UserAdministration;
import org.syncsites.user.UserView;
import org.syncsites.web.faces.Messages;

/** The users page: admins create users and grant or revoke "Edit sync settings". */
@Named
@ViewScoped
public class UserListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private UserAdministration users;

    private String newUsername = "";
    private String newFullName = "";
    private String newPassword = "";
    private UserView passwordFor;
    private transient List<UserView> rows;

    public List<UserView> getRows() {
        if (rows == null) {
            rows = users.list();
        }
        return rows;
    }

    public void toggleEditPermission(UserView user) {
        try {
            UserView after = user.mayEditSyncSettings()
                    ? users.revoke(user.id(), Permission.EDIT_SYNC_SETTINGS)
                    : users.grant(user.id(), Permission.EDIT_SYNC_SETTINGS);
            Messages.info(Messages.say(
                    after.mayEditSyncSettings() ? "users.mayEdit" : "users.mayOnlyView", after.username()));
        } catch (RuleViolation e) {
            Messages.show(e, "users");
        }
        rows = null;
    }

    /** Disables an enabled user, enables a disabled one (which also lifts a wait after failed sign-ins). */
    public void toggleEnabled(UserView user) {
        try {
            UserView after = user.maySignIn() ? users.disable(user.id()) : users.enable(user.id());
            Messages.info(Messages.say(after.enabled() ? "users.enabled" : "users.disabled", after.username()));
        } catch (RuleViolation e) {
            Messages.show(e, "users");
        }
        rows = null;
    }

    /** Lets the identity provider's user of the same name take the account at their next single sign-on. */
    public void openProviderLink(UserView user) {
        try {
            UserView after = users.openProviderLink(user.id());
            Messages.info(Messages.say("users.providerLinkOpened", after.username()));
        } catch (RuleViolation e) {
            Messages.show(e, "users");
        }
        rows = null;
    }

    public void choosePasswordFor(UserView user) {
        passwordFor = user;
        newPassword = "";
    }

    public void setPassword() {
        try {
            UserView after = users.setPassword(passwordFor.id(), newPassword);
            Messages.info(Messages.say(
                    after.mustChangePassword() ? "users.passwordSet.mustChange" : "users.passwordSet",
                    after.username()));
            newPassword = "";
            rows = null;
            PrimeFaces.current().executeScript("PF('passwordDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "passwordForm");
        }
    }

    public UserView getPasswordFor() {
        return passwordFor;
    }

    /** How the user's account stands, in words. */
    public String status(UserView user) {
        if (!user.enabled()) {
            return Messages.say("users.status.disabled");
        }
        if (user.signInsWaitUntil() != null) {
            return Messages.say("users.status.waits");
        }
        return Messages.say(user.mustChangePassword() ? "users.status.mustChangePassword" : "users.status.enabled");
    }

    public void create() {
        try {
            UserView created = users.create(newUsername, newFullName, newPassword);
            Messages.info(Messages.say("users.created", created.username()));
            newUsername = "";
            newFullName = "";
            newPassword = "";
            rows = null;
            PrimeFaces.current().executeScript("PF('newUserDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "newUserForm");
        }
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername == null ? "" : newUsername;
    }

    public String getNewFullName() {
        return newFullName;
    }

    public void setNewFullName(String newFullName) {
        this.newFullName = newFullName == null ? "" : newFullName;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword == null ? "" : newPassword;
    }
}
