package org.syncsites.remote.http;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.syncsites.platform.Text;
import org.syncsites.security.CertificateFingerprints;

/**
 * No answer from the central server: it could not be reached ({@link #timedOut()} false) or did not answer in
 * time. Such failures are worth retrying; an HTTP error answer is not one of them. What happened is said in
 * words of the bundle ({@link #text()}), the same for both transports.
 */
public class ConnectionFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Text text;
    private final boolean timedOut;
    private final String presentedCertificate;

    private ConnectionFailed(Text text, boolean timedOut, Throwable cause) {
        this(text, timedOut, cause, null);
    }

    private ConnectionFailed(Text text, boolean timedOut, Throwable cause, String presentedCertificate) {
        super(text.english(), cause);
        this.text = text;
        this.timedOut = timedOut;
        this.presentedCertificate = presentedCertificate;
    }

    static ConnectionFailed noConnection(URI uri, Duration within, Throwable cause) {
        return new ConnectionFailed(Text.of("http.noConnection", uri.getHost(), within.toSeconds()), false, cause);
    }

    static ConnectionFailed noAnswer(URI uri, Duration within, Throwable cause) {
        return new ConnectionFailed(Text.of("http.noAnswer", uri.getHost(), within.toSeconds()), true, cause);
    }

    static ConnectionFailed refused(URI uri, Throwable cause) {
        // the port as text: it is a name, not an amount
        return new ConnectionFailed(
                Text.of(
                        "http.refused",
                        uri.getHost(),
                        Integer.toString(JdkHttpTransport.port(uri)),
                        cause.getMessage() == null ? Text.of("http.connectionRefused") : cause.getMessage()),
                false,
                cause);
    }

    static ConnectionFailed unknownHost(URI uri, Throwable cause) {
        return new ConnectionFailed(Text.of("http.unknownHost", uri.getHost()), false, cause);
    }

    static ConnectionFailed failed(URI uri, Throwable cause) {
        return new ConnectionFailed(Text.of("http.failed", uri.getHost(), cause.toString()), false, cause);
    }

    static ConnectionFailed interrupted(URI uri, Throwable cause) {
        return new ConnectionFailed(Text.of("http.interrupted", uri.getHost()), false, cause);
    }

    /**
     * The central's TLS certificate is not trusted here (self-signed, or signed by a CA this JVM does not know): said
     * with the fingerprint of the certificate presented, which the central prints when it starts, so that an
     * administrator can compare the two before trusting it.
     */
    static ConnectionFailed untrusted(URI uri, SSLException e) {
        return CertificateFingerprints.presentedBy(uri.getHost(), JdkHttpTransport.port(uri))
                .map(fingerprint -> new ConnectionFailed(
                        Text.of("http.untrustedFingerprint", uri.getHost(), e.getMessage(), fingerprint),
                        false,
                        e,
                        fingerprint))
                .orElseGet(
                        () -> new ConnectionFailed(Text.of("http.untrusted", uri.getHost(), e.getMessage()), false, e));
    }

    /** The central answered 408: it timed the request out (worth retrying, as a timeout). */
    public static ConnectionFailed requestTimedOut() {
        return new ConnectionFailed(Text.of("http.requestTimedOut"), true, null);
    }

    public Text text() {
        return text;
    }

    /**
     * The SHA-256 fingerprint of the certificate the central presented when it was not trusted here, for an
     * administrator to compare and trust; null for any other failure.
     */
    public String presentedCertificate() {
        return presentedCertificate;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
