package org.syncsites.web.users;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.RuleViolation;
import org.syncsites.security.Permission;
import org.syncsites.security.UserAdministration;
import org.syncsites.security.UserView;
import org.syncsites.web.faces.Messages;

import java.io.Serializable;
import java.util.List;

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
            Messages.info(after.username() + (after.mayEditSyncSettings() ? " may now edit sync settings."
                    : " may now only view sync settings."));
        } catch (RuleViolation e) {
            Messages.show(e, "users");
        } catch (EJBAccessException e) {
            Messages.refused(e);
        }
        rows = null;
    }

    public void create() {
        try {
            UserView created = users.create(newUsername, newFullName, newPassword);
            Messages.info("User " + created.username() + " was created. They may view sync settings; grant the "
                    + "permission to let them edit.");
            newUsername = "";
            newFullName = "";
            newPassword = "";
            rows = null;
            PrimeFaces.current().executeScript("PF('newUserDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "newUserForm");
        } catch (EJBAccessException e) {
            Messages.refused(e);
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
