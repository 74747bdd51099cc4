package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.syncsites.user.ApiTokens;
import org.syncsites.user.UserSignIns;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.auth.server.ServerAuthenticationContext;

import java.io.IOException;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
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
 * An API request may instead carry a personal API token ({@code Authorization: Bearer <token>}, see
 * {@link ApiTokens}): checked on each request, also from the database, it makes the request its user's, with the
 * roles the security realm gives that user now, for the resources and the EJBs alike. No session is involved.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccountCheck extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String PASSWORD_PAGE = "/password.xhtml";
    /** The authentication type of a request made with an API token. */
    static final String BEARER = "BEARER";
    private static final String ACCESS_VERSION = AccountCheck.class.getName() + ".accessVersion";

    @EJB
    private UserSignIns signIns;

    @EJB
    private ApiTokens tokens;

    /** Whether the request was made with an API token rather than in a signed-in session. */
    public static boolean byToken(HttpServletRequest request) {
        return BEARER.equals(request.getAuthType());
    }

    /** The account's access version this session signed in under (or changed the password under). */
    public static void remember(HttpSession session, long accessVersion) {
        session.setAttribute(ACCESS_VERSION, accessVersion);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader("Authorization");
        if (path.startsWith("/api/") && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            asTokenHolder(authorization.substring(7).strip(), request, response, chain, path);
            return;
        }
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

    /** Goes on as the user whose token the request carries, or refuses it with the reason. */
    private void asTokenHolder(String token, HttpServletRequest request, HttpServletResponse response,
                               FilterChain chain, String path) throws IOException, ServletException {
        ApiTokens.Check check = tokens.check(token);
        switch (check.outcome()) {
            case UNKNOWN -> {
                BrowserProtection.refuse(response, path, 401, "token_invalid", "This API token is unknown or was "
                        + "revoked. Create a new one on the page My API tokens.");
                return;
            }
            case EXPIRED -> {
                BrowserProtection.refuse(response, path, 401, "token_expired", "This API token has expired. Create "
                        + "a new one on the page My API tokens.");
                return;
            }
            case ACCOUNT_DISABLED -> {
                BrowserProtection.refuse(response, path, 401, "account_disabled", "The account this API token "
                        + "belongs to is disabled. Ask a user who may edit sync settings to enable it.");
                return;
            }
            case PASSWORD_CHANGE_REQUIRED -> {
                if (!mayGoWhilePasswordMustChange(path)) {
                    BrowserProtection.refuse(response, path, 403, "password_change_required", "The password of "
                            + "this token's account must be changed first: sign in to the pages, or PUT "
                            + "{\"currentPassword\",\"newPassword\"} to /api/admin/me/password.");
                    return;
                }
            }
            case ACCEPTED -> {
            }
        }
        SecurityIdentity identity;
        try {
            ServerAuthenticationContext context = SecurityDomain.getCurrent().createNewAuthenticationContext();
            context.setAuthenticationName(check.username());
            if (!context.authorize()) {
                BrowserProtection.refuse(response, path, 401, "token_invalid", "The account of this API token may "
                        + "not sign in.");
                return;
            }
            identity = context.getAuthorizedIdentity();
        } catch (RealmUnavailableException e) {
            throw new ServletException("The user database cannot be read", e);
        }
        try {
            identity.runAs((PrivilegedExceptionAction<Void>) () -> {
                chain.doFilter(new TokenHolderRequest(request, identity), response);
                return null;
            });
        } catch (PrivilegedActionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw new ServletException(e.getCause());
        }
    }

    /** A request as its token's user makes it: their name and the roles the realm gives them. */
    private static final class TokenHolderRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final SecurityIdentity identity;

        TokenHolderRequest(HttpServletRequest request, SecurityIdentity identity) {
            super(request);
            this.identity = identity;
        }

        @Override
        public Principal getUserPrincipal() {
            return identity.getPrincipal();
        }

        @Override
        public String getRemoteUser() {
            return identity.getPrincipal().getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity.getRoles().contains(role);
        }

        @Override
        public String getAuthType() {
            return BEARER;
        }
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
