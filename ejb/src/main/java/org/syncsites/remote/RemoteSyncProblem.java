package org.syncsites.remote;

import jakarta.ejb.ApplicationException;

/** A sync that cannot go on, for a reason the message explains to the admin (not a protocol error answer). */
@ApplicationException(rollback = true)
public class RemoteSyncProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RemoteSyncProblem(String message) {
        super(message);
    }
}
