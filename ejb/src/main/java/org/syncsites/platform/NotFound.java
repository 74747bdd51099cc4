package org.syncsites.platform;

import jakarta.ejb.ApplicationException;

/** What was asked for does not exist (any more): it may have been deleted by somebody else. */
@ApplicationException(rollback = true)
public class NotFound extends RuleViolation {

    private static final long serialVersionUID = 1L;

    public NotFound(Text text) {
        super(text);
    }
}
