package org.syncsites.user;

import jakarta.enterprise.context.RequestScoped;
import java.util.HashSet;
import java.util.Set;

/** The callers whose account {@link AccountGuard} found allowing in this request: read once, not per EJB call. */
@RequestScoped
public class CheckedAccounts {

    private final Set<String> passed = new HashSet<>();

    boolean passed(String name) {
        return passed.contains(name);
    }

    void pass(String name) {
        passed.add(name);
    }
}
