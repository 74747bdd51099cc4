package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import org.syncsites.security.Roles;
import org.syncsites.user.UserAdministration;
import org.syncsites.user.UserView;

/**
 * The signed-in user, as pages show it. Whether they may edit decides what pages offer; the EJBs check it again
 * on every change.
 */
@Named
@SessionScoped
public class CurrentUser implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private UserAdministration users;

    private UserView user;

    public String getUsername() {
        return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
    }

    public String getDisplayName() {
        if (user == null) {
            user = users.currentUser();
        }
        return user.fullName().isEmpty() ? user.username() : user.fullName();
    }

    /** Reads the user again on next use (after they changed their own account). */
    public void forget() {
        user = null;
    }

    public boolean isMayEdit() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Roles.EDIT_SYNC_SETTINGS);
    }
}
