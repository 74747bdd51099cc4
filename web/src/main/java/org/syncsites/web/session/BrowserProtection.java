package org.syncsites.web.session;

import jakarta.json.Json;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.syncsites.platform.Text;

/**
 * What keeps another web page from acting in a signed-in admin's browser (CSRF, framing), in one place:
 * <ul>
 *   <li>a request that changes something (POST, PUT, DELETE, PATCH) from a browser must come from this server's
 *       own pages: its {@code Origin} (else {@code Referer}) names this host and port, or it is refused with 403.
 *       Scripts (curl) send neither and are not concerned; remote sites' sync requests ({@code /sync}) carry
 *       their own credentials, not the admin's cookie, and are left alone;</li>
 *   <li>the administration API takes a body only as {@code application/json} or, for an import, {@code text/csv}
 *       (415 otherwise), which no HTML form can send;</li>
 *   <li>every answer forbids framing and content sniffing and carries a content security policy that the
 *       PrimeFaces pages work under.</li>
 * </ul>
 * The session cookie itself is {@code SameSite=Lax} (web.xml), and JSF postbacks carry their view state.
 */
@WebFilter(
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class BrowserProtection extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    private static final Set<String> ALLOWED_ORIGINS = Set.copyOf(
            Arrays.stream(System.getProperty("syncsites.allowedOrigins", "").split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .map(o -> o.replaceAll("/+$", ""))
                    .toList());

    /**
     * PrimeFaces writes inline scripts and styles; everything else comes from this server (and the pages talk to
     * it, or to the origins listed as its own). With single sign-on, signing out (a form) goes on to the identity
     * provider, which form-action must allow: browsers apply it to where a form's answer redirects too.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' "
            + "'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'" + listed() + "; form-action 'self'" + listed()
            + SingleSignOn.providerOrigin().map(origin -> " " + origin).orElse("") + "; frame-ancestors 'none'; "
            + "base-uri 'self'; object-src 'none'";

    private static String listed() {
        return ALLOWED_ORIGINS.stream().sorted().map(o -> " " + o).collect(Collectors.joining());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // not "same-origin": with it a browser sends "Origin: null" on a POST to an allowed origin of ours
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000"); // browsers keep to HTTPS a year
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // the sign-in page the container forwards to (a page that needs signing in), or an error page: the
            // headers above, the request itself checked when it came
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (CHANGING.contains(request.getMethod()) && !path.startsWith("/sync/")) {
            if (!fromThisServer(request)) {
                refuse(request, response, path, 403, "cross_origin_refused", Text.of("api.error.crossOrigin"));
                return;
            }
            if (path.startsWith("/api/admin/") && !"DELETE".equals(request.getMethod()) && !isJsonOrCsv(request)) {
                refuse(request, response, path, 415, "json_required", Text.of("api.error.jsonRequired"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the browser says the request comes from a page of this server (or says nothing: not a browser).
     * "This server" is the host and port the request was sent to, or one of the origins listed in
     * {@code -Dsyncsites.allowedOrigins} (comma-separated, e.g. {@code https://sync.example.org}) for set-ups where
     * they differ: a proxy that rewrites the Host header, or cluster nodes reached under addresses of their own.
     */
    static boolean fromThisServer(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            origin = request.getHeader("Referer");
        }
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (ALLOWED_ORIGINS.contains(uri.getScheme() + "://" + uri.getRawAuthority())) {
                return true;
            }
            String host = request.getHeader("Host");
            if (uri.getHost() == null || host == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String expected = host.toLowerCase(Locale.ROOT);
            String actual = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            int defaultPort = request.isSecure() ? 443 : 80;
            return expected.equals(actual) || (expected + ":" + defaultPort).equals(actual);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** JSON, or CSV for an import: types no HTML form can send, so another site's page cannot send them either. */
    private static boolean isJsonOrCsv(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null
                && type.toLowerCase(Locale.ROOT)
                        .strip()
                        .matches("(application/json|application/x-ndjson|text/csv)(\\s*;.*)?");
    }

    /**
     * Answers with the error body of the API for API paths, in plain words for the rest, in the first language of the
     * request's {@code Accept-Language} that the words are written in (else English), as the API's own answers.
     */
    static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            String path,
            int status,
            String code,
            Text message)
            throws IOException {
        Locale language = Text.firstSpoken(request.getHeader("Accept-Language"));
        response.setStatus(status);
        response.setLocale(language);
        response.addHeader("Vary", "Accept-Language"); // as every answer of the API (rest.AnswersVaryByLanguage)
        if (path.startsWith("/api/")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(Json.createObjectBuilder()
                            .add(
                                    "error",
                                    Json.createObjectBuilder().add("code", code).add("message", message.in(language)))
                            .build()
                            .toString());
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(message.in(language));
        }
    }
}
