package org.syncsites.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wildfly.security.http.oidc.JsonWebToken;
import org.wildfly.security.http.oidc.OidcPrincipal;

/**
 * Single sign-on with OpenID Connect (wildfly-config/cli/oidc.cli): whether it is on, and what the application
 * needs of the provider besides what WildFly's OIDC client does (signing users in): the role that means "Edit
 * sync settings", and where to sign out. All of it comes from the system properties that oidc.cli sets.
 */
@Named
@ApplicationScoped
public class SingleSignOn {

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

    /** The authentication type of a request that WildFly's OIDC client signed in. */
    static final String OIDC = "OIDC";

    private volatile Optional<String> endSessionEndpoint;

    /** Whether users sign in at the identity provider (the sign-in form is closed then). */
    public static boolean enabled() {
        return "oidc".equals(System.getProperty("syncsites.single-sign-on"));
    }

    /** The identity provider's origin (scheme, host and port), when users sign in there. */
    static Optional<String> providerOrigin() {
        return providerUrl().map(URI::create).map(uri -> uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** The issuer (SYNCSITES_OIDC_PROVIDER_URL) without a trailing slash, when users sign in there. */
    private static Optional<String> providerUrl() {
        String provider =
                System.getProperty("syncsites.oidc.provider-url", "").strip().replaceAll("/+$", "");
        return enabled() && !provider.isEmpty() ? Optional.of(provider) : Optional.empty();
    }

    /** For the pages (#{singleSignOn.on}). */
    public boolean isOn() {
        return enabled();
    }

    /** Whether the provider signed this request's user in. */
    static boolean signedIn(HttpServletRequest request) {
        return OIDC.equals(request.getAuthType());
    }

    /** Who the provider says the signed-in user is: the issuer of its ID token, and the user's subject there. */
    record ProviderUser(String issuer, String subject) {}

    /**
     * The issuer and subject ({@code iss}, {@code sub}) of the ID token with which WildFly's OIDC client signed this
     * request's user in: stable and unique, unlike the name it gives them. Nulls when there is none.
     */
    static ProviderUser providerUser(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof OidcPrincipal<?> principal
                && principal.getOidcSecurityContext() != null) {
            JsonWebToken token = principal.getOidcSecurityContext().getIDToken() != null
                    ? principal.getOidcSecurityContext().getIDToken()
                    : principal.getOidcSecurityContext().getToken();
            if (token != null) {
                return new ProviderUser(token.getIssuer(), token.getSubject());
            }
        }
        return new ProviderUser(null, null);
    }

    /** The provider's role that gives "Edit sync settings" (SYNCSITES_OIDC_EDITOR_ROLE). */
    static String editorRole() {
        return System.getProperty("syncsites.oidc.editor-role", "syncsites-editor");
    }

    /**
     * Where the browser goes to end the user's session at the provider too (OpenID Connect RP-initiated logout),
     * coming back to {@code returnTo}; empty when the provider has no end-session endpoint or cannot be asked.
     * Without it, signing out here would be undone at once: the provider would sign the user in again.
     */
    Optional<URI> signOutAtProvider(String returnTo) {
        return endSessionEndpoint()
                .map(endpoint -> URI.create(endpoint + (endpoint.contains("?") ? "&" : "?")
                        + "client_id=" + encode(System.getProperty("syncsites.oidc.client-id", "sync-sites"))
                        + "&post_logout_redirect_uri=" + encode(returnTo)));
    }

    private Optional<String> endSessionEndpoint() {
        Optional<String> known = endSessionEndpoint;
        if (known == null) {
            known = discover();
            if (known.isPresent()) {
                endSessionEndpoint = known; // asked again next time when the provider could not answer
            }
        }
        return known;
    }

    /** From the provider's metadata ({@code .well-known/openid-configuration}). */
    private static Optional<String> discover() {
        Optional<String> provider = providerUrl();
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        URI metadata = URI.create(provider.get() + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(metadata)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning(
                        () -> "The identity provider's metadata " + metadata + " answered " + response.statusCode());
                return Optional.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject document = reader.readObject();
                return Optional.ofNullable(document.getString("end_session_endpoint", null));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The identity provider's metadata " + metadata + " could not be read", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
