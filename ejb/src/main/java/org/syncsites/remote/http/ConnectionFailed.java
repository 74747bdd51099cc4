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

    public boolean timedOut() {
        return timedOut;
    }
}
