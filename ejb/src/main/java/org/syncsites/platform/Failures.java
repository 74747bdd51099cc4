package org.syncsites.platform;

/** Saying in one line what went wrong, for a failure noted where admins see it (a resync job, a set-aside record). */
public final class Failures {

    private Failures() {}

    /**
     * The innermost cause's type and message, e.g. "JdbcSQLIntegrityConstraintViolationException: Check constraint
     * violation: ...", without the SQL statement some drivers append (it says nothing to a person).
     */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        int statement = message.indexOf("; SQL statement:");
        return root.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + (statement < 0 ? message : message.substring(0, statement)).strip());
    }
}
