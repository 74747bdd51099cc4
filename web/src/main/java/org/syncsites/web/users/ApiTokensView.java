package org.syncsites.web.users;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.syncsites.platform.RuleViolation;
import org.syncsites.user.ApiTokenView;
import org.syncsites.user.ApiTokens;
import org.syncsites.user.NewApiToken;
import org.syncsites.web.faces.Messages;

/**
 * The page of the signed-in user's API tokens: create one (shown once, in this view only), see when each was last
 * used, revoke one.
 */
@Named
@ViewScoped
public class ApiTokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validity choices offered, in days: a token lasts a year at most. */
    private static final List<Integer> VALIDITY_CHOICES = List.of(30, 90, 365);

    @EJB
    private ApiTokens tokens;

    private String name = "";
    private int validDays = 90;
    /** The token just created, shown until the page is left; never kept anywhere else. */
    private NewApiToken created;

    private transient List<ApiTokenView> rows;

    public List<ApiTokenView> getRows() {
        if (rows == null) {
            rows = tokens.mine();
        }
        return rows;
    }

    public void create() {
        try {
            created = tokens.create(name, validDays);
            Messages.info(Messages.say("tokens.created", created.view().name()));
            name = "";
            rows = null;
        } catch (RuleViolation e) {
            Messages.show(e, "tokens");
        }
    }

    public void revoke(ApiTokenView token) {
        try {
            tokens.revoke(token.id());
            Messages.info(Messages.say("tokens.revoked", token.name()));
            if (created != null && created.view().id() == token.id()) {
                created = null;
            }
        } catch (RuleViolation e) {
            Messages.show(e, "tokens");
        }
        rows = null;
    }

    public List<Integer> getValidityChoices() {
        return VALIDITY_CHOICES;
    }

    public String validityLabel(int days) {
        return Messages.say("tokens.valid.days", days);
    }

    public NewApiToken getCreated() {
        return created;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public int getValidDays() {
        return validDays;
    }

    public void setValidDays(int validDays) {
        this.validDays = validDays;
    }
}
