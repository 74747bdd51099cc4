package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.syncsites.user.UserSignIns;

import java.io.IOException;
import java.util.Optional;

/**
 * On every request of a signed-in user, whether their session may go on, read from the database so that every
 * cluster node agrees at once:
 * <ul>
 *   <li>the account was disabled or deleted, or its access changed since this session signed in (a permission
 *       granted or revoked, the password set or changed elsewhere): the session ends; pages go to the sign-in
 *       form with a word why, the API answers 401 {@code session_ended};</li>
 *   <li>the password must be changed (generated at first start, or set by another user): pages go to the
 *       change-password page, the API answers 403 {@code password_change_required}, except for reading one's
 *       own account and changing the password.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccountCheck extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String PASSWORD_PAGE = "/password.xhtml";
    private static final String ACCESS_VERSION = AccountCheck.class.getName() + ".accessVersion";

    @EJB
    private UserSignIns signIns;

    /** The account's access version this session signed in under (or changed the password under). */
    public static void remember(HttpSession session, long accessVersion) {
        session.setAttribute(ACCESS_VERSION, accessVersion);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getUserPrincipal() == null || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || path.equals("/sign-in")) { // signing in again ends the old session
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        Object remembered = session == null ? null : session.getAttribute(ACCESS_VERSION);
        Optional<UserSignIns.AccountStatus> status = signIns.status(request.getUserPrincipal().getName());
        if (status.isEmpty() || !status.get().enabled() || !Long.valueOf(status.get().accessVersion()).equals(remembered)) {
            request.logout();
            if (session != null) {
                session.invalidate();
            }
            send(request, response, path, "/login.xhtml?ended=true", 401, "session_ended", "Your account was "
                    + "changed or disabled by an administrator, or its password changed: sign in again.");
            return;
        }
        if (status.get().mustChangePassword() && !mayGoWhilePasswordMustChange(path)) {
            send(request, response, path, PASSWORD_PAGE, 403, "password_change_required", "Choose your own password "
                    + "first: PUT {\"currentPassword\",\"newPassword\"} to /api/admin/me/password.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean mayGoWhilePasswordMustChange(String path) {
        return path.equals(PASSWORD_PAGE) || path.equals("/logout") || path.equals("/login.xhtml")
                || path.equals("/api/admin/me") || path.equals("/api/admin/me/password");
    }

    /** Sends a page (also from an Ajax request) to {@code page}, an API client an error body. */
    private static void send(HttpServletRequest request, HttpServletResponse response, String path, String page,
                             int status, String code, String message) throws IOException {
        if (path.startsWith("/api/")) {
            BrowserProtection.refuse(response, path, status, code, message);
        } else if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + request.getContextPath() + page + "\"/></partial-response>");
        } else {
            response.sendRedirect(request.getContextPath() + page);
        }
    }
}
