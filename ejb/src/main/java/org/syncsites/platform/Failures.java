package org.syncsites.platform;

/** Saying in one line what went wrong, for a failure noted where admins see it (a resync job, a set-aside record). */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause's type and message, e.g. "JdbcSQLIntegrityConstraintViolationException: ...". */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
