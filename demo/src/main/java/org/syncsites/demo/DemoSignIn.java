package org.syncsites.demo;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.syncsites.security.PasswordChecks;
import org.syncsites.security.Roles;
import org.syncsites.user.UserSignIns;

/**
 * Signs each request of the demo API in with its HTTP Basic credentials, counted as the sign-in form counts them
 * ({@link UserSignIns#reserve}): five wrong passwords in a row and the account waits, whichever door was tried. The
 * container's own Basic sign-in is not declared (web.xml), so that no password is checked uncounted. Only users who
 * may edit sync settings go on; nothing is kept between requests.
 */
@WebFilter(urlPatterns = "/*")
public class DemoSignIn extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String CHALLENGE = "Basic realm=\"Sync Sites\", charset=\"UTF-8\"";

    @EJB
    private UserSignIns signIns;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            refuse(response, 401);
            return;
        }
        String username = credentials[0].strip();
        boolean signedIn;
        try (PasswordChecks.Permit turn = PasswordChecks.permit()) {
            signedIn = signIns.reserve(username).allowed() && signedIn(request, username, credentials[1]);
        } catch (PasswordChecks.Busy busy) {
            response.setHeader("Retry-After", Integer.toString(PasswordChecks.RETRY_AFTER_SECONDS));
            refuse(response, 429);
            return;
        }
        if (!signedIn) {
            refuse(response, 401);
            return;
        }
        try {
            signIns.succeeded(username);
            if (!request.isUserInRole(Roles.EDIT_SYNC_SETTINGS)) {
                refuse(response, 403);
                return;
            }
            chain.doFilter(request, response);
        } finally {
            request.logout();
        }
    }

    /** The name and password of a Basic {@code Authorization} header; null for none or another scheme. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static boolean signedIn(HttpServletRequest request, String username, String password) {
        try {
            request.login(username, password);
            return request.getUserPrincipal() != null;
        } catch (ServletException wrong) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status) throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.sendError(status);
    }
}
