package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.syncsites.user.UserAdministration;

/**
 * The language of the pages: the one the signed-in user chose in the header (kept with their account, so it follows
 * them to any browser and cluster node), else the browser's first language the pages are written in
 * ({@code Accept-Language} against faces-config's supported locales), else English. Each page is made in it
 * ({@link LanguageViewHandler}), and its postbacks keep it.
 */
@Named("language")
@SessionScoped
public class Language implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private UserAdministration users;

    private Locale chosen;
    /** Whose choice {@link #chosen} is (null: not read yet). */
    private String chosenBy;

    /**
     * The language the signed-in user chose (read from their account once per session and user), or null: then the
     * browser's decides ({@link LanguageViewHandler}).
     */
    Locale chosen() {
        String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        if (user == null) {
            return null;
        }
        if (!user.equals(chosenBy)) {
            chosen = supported(users.ownLanguage());
            chosenBy = user;
        }
        return chosen;
    }

    /** The language of the page being shown. */
    public Locale getLocale() {
        return FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    /** The language tag shown in the header's choice. */
    public String getTag() {
        return getLocale().toLanguageTag();
    }

    public void setTag(String tag) {
        Locale locale = supported(tag);
        if (locale != null) {
            users.chooseOwnLanguage(locale.toLanguageTag());
            chosen = locale;
            chosenBy = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        }
    }

    /** Shows the page again in the chosen language (a redirect, so that everything on it is said in it). */
    public String choose() {
        return FacesContext.getCurrentInstance().getViewRoot().getViewId()
                + "?faces-redirect=true&includeViewParams=true";
    }

    /** Every language of the pages, each named in its own words ("Français"). */
    public List<SelectItem> getChoices() {
        List<SelectItem> choices = new ArrayList<>();
        for (Locale locale : supportedLocales()) {
            String name = locale.getDisplayLanguage(locale);
            choices.add(new SelectItem(
                    locale.toLanguageTag(), name.substring(0, 1).toUpperCase(locale) + name.substring(1)));
        }
        return choices;
    }

    private static List<Locale> supportedLocales() {
        List<Locale> locales = new ArrayList<>();
        Iterator<Locale> supported =
                FacesContext.getCurrentInstance().getApplication().getSupportedLocales();
        supported.forEachRemaining(locales::add);
        return locales;
    }

    /** The supported locale of {@code tag}'s language, or null. */
    private static Locale supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag).getLanguage();
        return supportedLocales().stream()
                .filter(l -> l.getLanguage().equals(language))
                .findFirst()
                .orElse(null);
    }
}
