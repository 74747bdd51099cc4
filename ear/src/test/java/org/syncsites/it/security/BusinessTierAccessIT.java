package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.TestData;
import org.syncsites.security.Permission;
import org.syncsites.store.StoreAdministration;
import org.syncsites.user.UserAdministration;
import org.syncsites.user.UserView;
import org.wildfly.security.auth.server.SecurityIdentity;

/**
 * The EJBs themselves refuse an identity whose account lost what it signed in with (user.AccountGuard): a session's
 * identity keeps the roles it was given at sign-in, so without this check any web path that skipped the web tier's
 * account check reached the EJBs with a revoked permission, or a disabled account.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-server")
class BusinessTierAccessIT {

    @Deployment
    static EnterpriseArchive application() {
        return Deployments.applicationWithTests(BusinessTierAccessIT.class);
    }

    @EJB
    private UserAdministration users;

    @EJB
    private StoreAdministration stores;

    @Test
    void anIdentityWhoseAccountLostAPermissionOrWasDisabledIsRefusedByTheBusinessTier() throws Exception {
        String name = TestData.unique("tier").toLowerCase();
        UserView user = As.admin(() -> users.create(name, "Tier Tester", "tier-pass-1"));
        As.admin(() -> users.grant(user.id(), Permission.EDIT_SYNC_SETTINGS));
        SecurityIdentity session = As.signedIn(name, "tier-pass-1");
        String code = TestData.unique("TA");
        assertEquals(code, later(session, () -> stores.create(code, "Allowed")).code(), "an editor creates a store");

        As.admin(() -> users.revoke(user.id(), Permission.EDIT_SYNC_SETTINGS));
        ExecutionException revoked = assertThrows(
                ExecutionException.class, () -> later(session, () -> stores.create(TestData.unique("TB"), "Refused")));
        assertInstanceOf(EJBAccessException.class, revoked.getCause(), "the permission was revoked since sign-in");
        assertThrows(
                ExecutionException.class,
                () -> later(session, () -> stores.list("", 0, 1)),
                "an identity that carries more than its account gives is refused, as the web tier ends its session");
        SecurityIdentity again = As.signedIn(name, "tier-pass-1");
        later(again, () -> stores.list("", 0, 1)); // signed in again: a viewer

        As.admin(() -> users.disable(user.id()));
        ExecutionException disabled =
                assertThrows(ExecutionException.class, () -> later(again, () -> stores.list("", 0, 1)));
        assertInstanceOf(EJBAccessException.class, disabled.getCause(), "the account was disabled since sign-in");
    }

    /** The action as the identity, in a request of its own (a later one: nothing of this one is reused). */
    private static <T> T later(SecurityIdentity identity, Callable<T> action) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> identity.runAs(action)).get();
        } finally {
            thread.shutdown();
        }
    }
}
