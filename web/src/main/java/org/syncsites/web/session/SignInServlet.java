package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.syncsites.platform.Meters;
import org.syncsites.security.PasswordChecks;
import org.syncsites.user.UserSignIns;

/**
 * The one way users sign in: the sign-in form posts {@code j_username} and {@code j_password} here (scripts too).
 * Each attempt is counted before its password is checked ({@link UserSignIns#reserve}), then checked by the
 * security domain ({@code request.login}), which keeps the identity in the session. Unknown names, wrong
 * passwords, disabled accounts and accounts that wait after failed sign-ins all get the same answer. Undertow's own
 * {@code j_security_check} is closed (WEB-INF/undertow-handlers.conf): it would check passwords uncounted.
 */
@WebServlet("/sign-in")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private Meters meters;

    @EJB
    private UserSignIns signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/login.xhtml");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (SingleSignOn.enabled()) { // users sign in at the identity provider, which a protected page sends them to
            response.sendRedirect(request.getContextPath() + "/dashboard.xhtml");
            return;
        }
        String given = request.getParameter("j_username");
        String username = given == null ? "" : given.strip();
        String password = request.getParameter("j_password");
        if (request.getUserPrincipal() != null) {
            try {
                request.logout();
            } catch (ServletException e) {
                // nothing was signed in after all
            }
        }
        UserSignIns.Reservation reservation;
        boolean signedIn;
        // a turn to check the password first, so that a sign-in turned away is not counted as a failed one
        try (PasswordChecks.Permit turn = PasswordChecks.permit()) {
            reservation = signIns.reserve(username);
            signedIn = reservation.allowed() && password != null && signedIn(request, username, password);
        } catch (PasswordChecks.Busy busy) {
            response.setHeader("Retry-After", Integer.toString(PasswordChecks.RETRY_AFTER_SECONDS));
            response.sendRedirect(request.getContextPath() + "/login.xhtml?busy=true");
            return;
        }
        if (!signedIn) {
            meters.signInFailed("user");
            response.sendRedirect(request.getContextPath() + "/login.xhtml?failed=true");
            return;
        }
        UserSignIns.AccountStatus status = signIns.succeeded(username);
        HttpSession session = request.getSession(true);
        // the version read before the password was checked: a change made meanwhile ends this session at once
        AccountCheck.remember(session, reservation.accessVersion());
        response.sendRedirect(request.getContextPath()
                + (status.mustChangePassword() ? AccountCheck.PASSWORD_PAGE : pageAsked(request.getParameter("next"))));
    }

    /**
     * The page the user asked for before the sign-in form was shown (the form sends it along), if it is one of
     * this application's pages; otherwise the dashboard. Never another server's address.
     */
    static String pageAsked(String next) {
        if (next == null
                || !next.matches("/[A-Za-z0-9_-]+\\.xhtml(\\?[A-Za-z0-9=&_%.-]*)?")
                || next.equals("/login.xhtml")) {
            return "/dashboard.xhtml";
        }
        return next;
    }

    private static boolean signedIn(HttpServletRequest request, String username, String password) {
        try {
            request.login(username, password);
            return request.getUserPrincipal() != null;
        } catch (ServletException wrong) {
            return false;
        }
    }
}
