package org.syncsites.web.session;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The page shown when a page cannot be (a refused permission, a server error), in the browser's language: written
 * by a servlet, not by Faces, so that it shows even when Faces is what failed. Nothing of the failure is shown, but
 * for a refusal the application itself explains to the person refused ({@link #explain}).
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String PAGES = "org.syncsites.web.Pages";
    private static final String EXPLANATION = ErrorPageServlet.class.getName() + ".explanation";

    /** Has the error page of this request say why it was refused, in words already in the person's language. */
    static void explain(HttpServletRequest request, String why) {
        request.setAttribute(EXPLANATION, why);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResourceBundle words = words(request);
        String context = request.getContextPath();
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter()
                .write("<!DOCTYPE html>\n<html lang=\"" + words.getLocale().getLanguage() + "\">\n<head>"
                        + "<meta charset=\"UTF-8\"><title>" + html(words.getString("app.name")) + " - "
                        + html(words.getString("error.title")) + "</title>"
                        + "<link rel=\"stylesheet\" href=\"" + context + "/resources/css/syncsites.css\"></head>\n"
                        + "<body class=\"plain-page\"><main class=\"plain-card\"><h1>"
                        + html(words.getString("app.name"))
                        + "</h1><p>"
                        + html(
                                request.getAttribute(EXPLANATION) instanceof String why
                                        ? why
                                        : words.getString("error.text"))
                        + "</p>"
                        + "<p><a href=\"" + context + "/sites.xhtml\">" + html(words.getString("error.back"))
                        + "</a></p>"
                        + "<form method=\"post\" action=\"" + context + "/logout\" class=\"inline-form\">"
                        + "<button type=\"submit\" class=\"link-button\">" + html(words.getString("nav.signOut"))
                        + "</button></form></main></body>\n</html>\n");
    }

    /** The bundle in the browser's first language that has one, else English. */
    private static ResourceBundle words(HttpServletRequest request) {
        ClassLoader loader = ErrorPageServlet.class.getClassLoader();
        for (Locale locale : Collections.list(request.getLocales())) {
            if (loader.getResource(PAGES.replace('.', '/') + "_" + locale.getLanguage() + ".properties") != null) {
                return ResourceBundle.getBundle(
                        PAGES,
                        Locale.forLanguageTag(locale.getLanguage()),
                        loader,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            }
        }
        return ResourceBundle.getBundle(
                PAGES,
                Locale.ROOT,
                loader,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
