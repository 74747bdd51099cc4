package org.syncsites.web.session;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Signs the user out and shows the sign-in page. POST only: another site must not sign users out by a link. A user
 * whom the identity provider signed in is signed out there too (see {@link SingleSignOn}), and comes back to the
 * sign-in page.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private SingleSignOn singleSignOn;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        boolean atProvider = SingleSignOn.signedIn(request);
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        if (atProvider) {
            String url = request.getRequestURL().toString();
            String signInPage =
                    url.substring(0, url.length() - request.getServletPath().length()) + "/login.xhtml?signedOut=true";
            Optional<URI> provider = singleSignOn.signOutAtProvider(signInPage);
            if (provider.isPresent()) {
                response.sendRedirect(provider.get().toString());
                return;
            }
        }
        response.sendRedirect(request.getContextPath()
                + (SingleSignOn.enabled() ? "/login.xhtml?signedOut=true" : "/dashboard.xhtml"));
    }
}
