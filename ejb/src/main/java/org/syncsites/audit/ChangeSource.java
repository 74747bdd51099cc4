package org.syncsites.audit;

/**
 * Where the changes made on this thread come from, which each audit entry notes beside who made them: a page, the API
 * (with which API token), a file import, a site's own sync, a bulk action, or the system (timers, background work with
 * no person behind it). The web tier says it for each request it serves; background work that acts for a person
 * says it for itself. Kept per thread: the business methods of a request run on the request's thread.
 */
public final class ChangeSource {

    public static final String PAGE = "page";
    public static final String API = "api";
    public static final String IMPORT = "import";
    public static final String SYNC = "sync";
    public static final String SYSTEM = "system";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ChangeSource() {}

    /** A request made with the API token {@code tokenId}. */
    public static String apiToken(long tokenId) {
        return "api token " + tokenId;
    }

    /** Work done by the bulk action {@code jobId} for the admin who started it. */
    public static String bulkAction(long jobId) {
        return "bulk action " + jobId;
    }

    /** The changes this thread makes from now on come from {@code source}, until {@link #clear}. */
    public static void set(String source) {
        CURRENT.set(source);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Where this thread's changes come from; the system's, when nothing said it. */
    static String current() {
        String source = CURRENT.get();
        return source == null ? SYSTEM : source;
    }
}
