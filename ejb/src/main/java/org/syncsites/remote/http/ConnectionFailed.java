package org.syncsites.remote.http;

/**
 * No answer from the central server: it could not be reached ({@link #timedOut()} false) or did not answer in
 * time. Such failures are worth retrying; an HTTP error answer is not one of them.
 */
public class ConnectionFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    public ConnectionFailed(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** The central's TLS certificate is not trusted here (self-signed, or signed by a CA this JVM does not know). */
    static ConnectionFailed untrusted(java.net.URI uri, javax.net.ssl.SSLException e) {
        return new ConnectionFailed("The certificate of " + uri.getHost() + " is not trusted by this server ("
                + e.getMessage() + "). If your organisation signs its certificates with its own CA, add that CA to this "
                + "server's trust store (see README, HTTPS)", false, e);
    }

    public boolean timedOut() {
        return timedOut;
    }
}
