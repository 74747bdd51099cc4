package org.syncsites.platform;

import jakarta.ejb.ApplicationException;

/**
 * Somebody else saved the same thing since it was opened: saving now would silently overwrite their change.
 * Nothing is saved; the person must reopen it and apply their change again.
 */
@ApplicationException(rollback = true)
public class EditConflict extends RuleViolation {

    private static final long serialVersionUID = 1L;

    public EditConflict(Text text) {
        super(text);
    }
}
