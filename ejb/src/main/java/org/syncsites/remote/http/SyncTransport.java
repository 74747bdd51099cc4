package org.syncsites.remote.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP exchange of a remote site with its central server. Two real implementations, chosen by the site's
 * "use alternative HTTP client" setting: {@link JdkHttpTransport} (java.net.http, the default) and
 * {@link UrlConnectionTransport} (HttpURLConnection), for networks or proxies where one of them misbehaves.
 */
public interface SyncTransport {

    /**
     * @param body the request body (JSON text), or null for none
     * @param readTimeout how long to wait for the answer
     * @throws ConnectionFailed when no answer came: the server was not reached, or did not answer in time
     */
    HttpReply send(
            String method,
            URI uri,
            Map<String, String> headers,
            String body,
            Duration connectTimeout,
            Duration readTimeout);

    /** A short name for logs and the status page. */
    String name();

    /**
     * @param trustedCertificate the SHA-256 fingerprint of a certificate trusted besides the JVM's CAs
     *     (see PinnedCertificate), or null
     */
    static SyncTransport of(boolean alternativeHttpClient, String trustedCertificate) {
        return alternativeHttpClient
                ? new UrlConnectionTransport(trustedCertificate)
                : new JdkHttpTransport(trustedCertificate);
    }
}
