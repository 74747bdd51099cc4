package org.syncsites.web.session;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.syncsites.audit.ChangeSource;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.user.ApiTokens;
import org.syncsites.user.UserSignIns;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.auth.server.ServerAuthenticationContext;

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
 * A request goes on with the roles of the user's account as read here ({@code isUserInRole}), whichever way they
 * signed in. With single sign-on ({@link SingleSignOn}) the first request of a session that the identity provider
 * signed in makes or updates the user's account first ({@link UserSignIns#signedInByProvider}).
 * <p>
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

    /**
     * What no address of this application holds, in the path as sent: a dot segment ({@code ..}, {@code .}, also
     * percent-encoded), a path parameter ({@code ;}, e.g. {@code ;jsessionid=}: sessions travel in cookies only), an
     * empty segment ({@code //}) or a backslash. The container routes such a path on its normalised form, so deciding
     * on the form sent would decide on another path than the one served: it is refused outright.
     */
    private static final Pattern RESPELLED =
            Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$|;)|;|//|\\\\|%5c|%2e%2e|\\.%2e|%2e\\.", Pattern.CASE_INSENSITIVE);

    /** Whether the path, as the request sent it (undecoded), spells an address in another way than its own. */
    static boolean respelled(String rawPath) {
        return RESPELLED.matcher(rawPath).find();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the path the container routes: its servlet's path and what follows it, not the address as sent
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        ChangeSource.set(changeSource(path));
        try {
            check(path, request, response, chain);
        } finally {
            ChangeSource.clear();
        }
    }

    /** The pages of the file imports. */
    private static final Pattern IMPORT_PAGE = Pattern.compile("/[a-z-]*import\\.xhtml");

    /** Where the changes a request to {@code path} makes come from, as its audit entries say (an API token's own). */
    static String changeSource(String path) {
        if (path.startsWith("/api/admin/") && path.contains("import")
                || IMPORT_PAGE.matcher(path).matches()) {
            return ChangeSource.IMPORT;
        }
        if (path.startsWith("/api/admin/") || path.startsWith("/demo/")) {
            return ChangeSource.API;
        }
        if (path.startsWith("/api/") || path.startsWith("/sync/")) {
            return ChangeSource.SYNC;
        }
        return ChangeSource.PAGE;
    }

    private void check(String path, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (respelled(request.getRequestURI())) {
            BrowserProtection.refuse(
                    request, response, path, 400, "address_refused", Text.of("api.error.addressRespelled"));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (path.startsWith("/api/")
                && authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            asTokenHolder(authorization.substring(7).strip(), request, response, chain, path);
            return;
        }
        if (request.getUserPrincipal() == null
                || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/")
                || path.equals("/sign-in")) { // signing in again ends the old session
            chain.doFilter(request, response);
            return;
        }
        String username = request.getUserPrincipal().getName();
        HttpSession session = request.getSession(false);
        Object remembered = session == null ? null : session.getAttribute(ACCESS_VERSION);
        if (remembered == null && SingleSignOn.signedIn(request)) {
            UserSignIns.ProviderSignIn signIn;
            try {
                SingleSignOn.ProviderUser who = SingleSignOn.providerUser(request);
                signIn = signIns.signedInByProvider(
                        username, who.issuer(), who.subject(), request.isUserInRole(SingleSignOn.editorRole()));
            } catch (RuleViolation unusable) {
                request.logout();
                String why =
                        unusable.problems().get(0).text().in(Text.firstSpoken(request.getHeader("Accept-Language")));
                ErrorPageServlet.explain(request, why);
                response.sendError(403, why);
                return;
            }
            remembered = signIn.status().accessVersion();
            remember(request.getSession(true), signIn.status().accessVersion());
            if (signIn.accountChanged() && "GET".equals(request.getMethod()) && !path.startsWith("/api/")) {
                // this request's identity was formed before the account was made or its permission changed
                String query = request.getQueryString();
                response.sendRedirect(request.getRequestURI() + (query == null ? "" : "?" + query));
                return;
            }
        }
        Optional<UserSignIns.AccountStatus> status = signIns.status(username);
        if (status.isEmpty()
                || !status.get().enabled()
                || !Long.valueOf(status.get().accessVersion()).equals(remembered)) {
            request.logout();
            HttpSession ended = request.getSession(false);
            if (ended != null) {
                ended.invalidate();
            }
            send(
                    request,
                    response,
                    path,
                    "/login.xhtml?ended=true",
                    401,
                    "session_ended",
                    Text.of("api.error.sessionEnded"));
            return;
        }
        if (status.get().mustChangePassword() && !mayGoWhilePasswordMustChange(path)) {
            send(
                    request,
                    response,
                    path,
                    PASSWORD_PAGE,
                    403,
                    "password_change_required",
                    Text.of("api.error.passwordChangeRequired"));
            return;
        }
        chain.doFilter(
                new AccountRequest(
                        request, request.getUserPrincipal(), status.get().roles(), request.getAuthType()),
                response);
    }

    /** Goes on as the user whose token the request carries, or refuses it with the reason. */
    private void asTokenHolder(
            String token, HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        ApiTokens.Check check = tokens.check(token);
        switch (check.outcome()) {
            case UNKNOWN -> {
                BrowserProtection.refuse(
                        request, response, path, 401, "token_invalid", Text.of("api.error.tokenUnknown"));
                return;
            }
            case EXPIRED -> {
                BrowserProtection.refuse(
                        request, response, path, 401, "token_expired", Text.of("api.error.tokenExpired"));
                return;
            }
            case ACCOUNT_DISABLED -> {
                BrowserProtection.refuse(
                        request, response, path, 401, "account_disabled", Text.of("api.error.tokenAccountDisabled"));
                return;
            }
            case PASSWORD_CHANGE_REQUIRED -> {
                if (!mayGoWhilePasswordMustChange(path)) {
                    BrowserProtection.refuse(
                            request,
                            response,
                            path,
                            403,
                            "password_change_required",
                            Text.of("api.error.tokenPasswordChangeRequired"));
                    return;
                }
            }
            case ACCEPTED -> {}
        }
        // the web module's security domain: the application's own, or with single sign-on the deployment's virtual
        // domain, whose identities flow on to the application's (for the EJBs); the identity's roles there are the
        // realm's, the request's are the account's (the same, read from the database)
        SecurityIdentity identity;
        try {
            SecurityDomain domain = SecurityDomain.getCurrent();
            ServerAuthenticationContext context = domain.createNewAuthenticationContext();
            context.setAuthenticationName(check.username());
            if (context.authorize()) {
                identity = context.getAuthorizedIdentity();
            } else if (SingleSignOn.enabled()) {
                // the deployment's virtual domain has no realm to ask: an identity of the name, which the EJBs'
                // domain (trusting the virtual one) takes in with the roles its realm gives the user, or refuses
                identity = domain.createAdHocIdentity(check.username());
            } else {
                BrowserProtection.refuse(
                        request, response, path, 401, "token_invalid", Text.of("api.error.tokenAccountMayNotSignIn"));
                return;
            }
        } catch (RealmUnavailableException e) {
            throw new ServletException("The user database cannot be read", e);
        }
        Optional<UserSignIns.AccountStatus> status = signIns.status(check.username());
        if (status.isEmpty()) {
            BrowserProtection.refuse(request, response, path, 401, "token_invalid", Text.of("api.error.tokenUnknown"));
            return;
        }
        if (!ChangeSource.IMPORT.equals(changeSource(path))) {
            ChangeSource.set(ChangeSource.apiToken(check.tokenId()));
        }
        runAs(
                identity,
                new AccountRequest(
                        request, identity.getPrincipal(), status.get().roles(), BEARER),
                response,
                chain);
    }

    /** Goes on with the request as the identity, for the EJBs too. */
    private static void runAs(
            SecurityIdentity identity, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            identity.runAs((PrivilegedExceptionAction<Void>) () -> {
                chain.doFilter(request, response);
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

    /**
     * A request as its user makes it, with the roles of their account as read on this request: the same for a
     * session signed in with the form, one signed in at the identity provider and a request with an API token.
     */
    private static final class AccountRequest extends HttpServletRequestWrapper {

        private final Principal principal;
        private final Set<String> roles;
        private final String authType;

        AccountRequest(HttpServletRequest request, Principal principal, Set<String> roles, String authType) {
            super(request);
            this.principal = principal;
            this.roles = roles;
            this.authType = authType;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.contains(role);
        }

        @Override
        public String getAuthType() {
            return authType;
        }
    }

    private static boolean mayGoWhilePasswordMustChange(String path) {
        return path.equals(PASSWORD_PAGE)
                || path.equals("/logout")
                || path.equals("/login.xhtml")
                || path.equals("/api/admin/me")
                || path.equals("/api/admin/me/password");
    }

    /** Sends a page (also from an Ajax request) to {@code page}, an API client an error body. */
    private static void send(
            HttpServletRequest request,
            HttpServletResponse response,
            String path,
            String page,
            int status,
            String code,
            Text message)
            throws IOException {
        if (path.startsWith("/api/")) {
            BrowserProtection.refuse(request, response, path, status, code, message);
        } else if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                            + request.getContextPath() + page + "\"/></partial-response>");
        } else {
            response.sendRedirect(request.getContextPath() + page);
        }
    }
}
