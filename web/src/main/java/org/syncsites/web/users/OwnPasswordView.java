package org.syncsites.web.users;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import org.syncsites.platform.RuleViolation;
import org.syncsites.user.UserAdministration;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.session.AccountCheck;
import org.syncsites.web.session.CurrentUser;

/**
 * The change-password page: every user changes their own password here, and a user whose password was generated
 * or set by someone else must do so before anything else. This session goes on; the user's others end.
 */
@Named
@RequestScoped
public class OwnPasswordView {

    @EJB
    private UserAdministration users;

    @Inject
    private CurrentUser currentUser;

    private String currentPassword = "";
    private String password = "";
    private String confirmPassword = "";

    private Boolean mustChange;

    /** Read once per request, however often the page asks while rendering. */
    public boolean isMustChange() {
        if (mustChange == null) {
            mustChange = users.currentUser().mustChangePassword();
        }
        return mustChange;
    }

    public String change() {
        if (!password.equals(confirmPassword)) {
            Messages.error("password:confirmPassword", Messages.say("password.differ"));
            return null;
        }
        try {
            long accessVersion = users.changeOwnPassword(currentPassword, password);
            ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
            AccountCheck.remember((HttpSession) context.getSession(true), accessVersion);
            currentUser.forget();
            Messages.info(Messages.say("password.changed"));
            Messages.keepForNextPage();
            return "sites?faces-redirect=true";
        } catch (RuleViolation e) {
            Messages.show(e, "password");
            return null;
        }
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword == null ? "" : currentPassword;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword == null ? "" : confirmPassword;
    }
}
