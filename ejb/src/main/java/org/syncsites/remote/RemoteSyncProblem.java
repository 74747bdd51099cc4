package org.syncsites.remote;

import jakarta.ejb.ApplicationException;
import org.syncsites.platform.Text;

/** A sync that cannot go on, for a reason its text explains to the admin (not a protocol error answer). */
@ApplicationException(rollback = true)
public class RemoteSyncProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Text text;

    public RemoteSyncProblem(Text text) {
        super(text.english());
        this.text = text;
    }

    public Text text() {
        return text;
    }
}
