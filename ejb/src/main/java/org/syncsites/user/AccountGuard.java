package org.syncsites.user;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.syncsites.security.Roles;

/**
 * The business tier's own check of who calls it, on every business method of every EJB of this module (bound in
 * {@code META-INF/ejb-jar.xml}): an administrator's identity goes on only while their account exists, is enabled,
 * and still gives every role the identity carries. An identity keeps the roles it was given when it signed in; a
 * permission revoked since, or an account disabled, is refused here with {@link EJBAccessException}, whatever web
 * path the call came through (the web tier checks the same on each request, web.session.AccountCheck, and ends the
 * session). Read once per request and caller ({@link CheckedAccounts}), at the outermost call only: the EJBs one
 * calls act for the caller that was let in (so the account check's own bean, {@link UserSignIns}, which is not
 * checked and changes the account of a single sign-on's first request, records that change in the audit trail).
 * Anonymous callers (remote sites, timers, message listeners) are the business methods' own to refuse.
 */
public class AccountGuard {

    private static final String ANONYMOUS = "anonymous";
    private static final List<String> ROLES = List.of(Roles.VIEWER, Roles.EDIT_SYNC_SETTINGS);
    /** How deep in this module's EJBs the thread is: 0 outside them. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private EJBContext context;

    @Inject
    private CheckedAccounts checked;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        int[] depth = DEPTH.get();
        if (depth[0] == 0) {
            checkCaller(invocation);
        }
        depth[0]++;
        try {
            return invocation.proceed();
        } finally {
            depth[0]--;
        }
    }

    private void checkCaller(InvocationContext invocation) {
        Principal caller = context.getCallerPrincipal();
        String name = caller == null ? null : caller.getName();
        if (name == null
                || ANONYMOUS.equals(name)
                || invocation.getTarget() instanceof UserSignIns
                || passedThisRequest(name)) {
            return;
        }
        Optional<UserSignIns.AccountStatus> status = UserSignIns.statusOf(em, name);
        if (status.isEmpty() || !status.get().enabled()) {
            throw new EJBAccessException("The account " + name + " is disabled or no longer exists");
        }
        for (String role : ROLES) {
            if (context.isCallerInRole(role) && !status.get().roles().contains(role)) {
                throw new EJBAccessException("The account " + name + " no longer has the role " + role);
            }
        }
        try {
            checked.pass(name);
        } catch (ContextNotActiveException noRequest) {
            // an asynchronous call: nothing to keep it for
        }
    }

    private boolean passedThisRequest(String name) {
        try {
            return checked.passed(name);
        } catch (ContextNotActiveException noRequest) {
            return false;
        }
    }
}
