package org.syncsites.web.faces;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * Shows what the EJBs said, in words a person can act on: each problem next to its input when the page has
 * one with the problem's field name as id, otherwise at the top of the page. Never a stack trace.
 */
public final class Messages {

    /** The bundle of the pages' words: {@code org/syncsites/web/Pages.properties} and its languages. */
    public static final String PAGES = "org.syncsites.web.Pages";

    private Messages() {}

    /** Shows the problems of {@code violation}; fields are looked up inside the form {@code formId}. */
    public static void show(RuleViolation violation, String formId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (RuleViolation.Problem problem : violation.problems()) {
            String clientId = problem.field() == null ? null : formId + ":" + problem.field();
            boolean hasInput = clientId != null && findComponent(faces, clientId) != null;
            faces.addMessage(
                    hasInput ? clientId : null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, problem.text().in(locale(faces)), null));
        }
        faces.validationFailed();
    }

    /** The user's role does not allow the action (see {@link AccessRefusals}, which calls this). */
    public static void refused() {
        error(say("common.viewOnlyRefused"));
    }

    public static void error(String message) {
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    /** Words of the business (a rule's answer), said in the page's language next to {@code clientId}. */
    public static void error(String clientId, Text text) {
        error(clientId, text.in(locale(FacesContext.getCurrentInstance())));
    }

    public static void error(String clientId, String message) {
        FacesContext.getCurrentInstance()
                .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void warn(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, message, null));
    }

    /** Keeps messages across a redirect (Post-Redirect-Get). */
    public static void keepForNextPage() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    /**
     * The words of the pages' bundle under {@code key}, in the page's language; with arguments, the sentence is a
     * MessageFormat ({0} the first).
     */
    public static String say(String key, Object... args) {
        Locale locale = locale(FacesContext.getCurrentInstance());
        String words = ResourceBundle.getBundle(
                        PAGES,
                        locale,
                        Messages.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .getString(key);
        return args.length == 0 ? words : new MessageFormat(words, locale).format(args);
    }

    /** The language of the page being rendered. */
    public static Locale locale(FacesContext faces) {
        return faces.getViewRoot() != null ? faces.getViewRoot().getLocale() : Locale.ENGLISH;
    }

    private static UIComponent findComponent(FacesContext faces, String clientId) {
        try {
            return faces.getViewRoot().findComponent(clientId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
