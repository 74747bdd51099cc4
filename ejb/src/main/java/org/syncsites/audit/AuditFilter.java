package org.syncsites.audit;

import java.io.Serializable;
import java.time.Instant;

/**
 * What an admin looks for in the audit trail; each part left null (or blank) matches everything. {@code actor}: who
 * made the change (the user name as written); {@code action}: what was done; {@code entity}: text in the name of what was
 * changed (a site, a store, a user; any case), or its ID; {@code from} and {@code until}: the time range, from
 * inclusive, until exclusive.
 */
public record AuditFilter(String actor, AuditTrail.Action action, String entity, Instant from, Instant until)
        implements Serializable {

    static boolean given(String text) {
        return text != null && !text.isBlank();
    }
}
