package org.syncsites.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncsites.audit.ChangeSource;

/** Which addresses, as sent, the account check refuses before deciding anything (AccountCheck#respelled). */
class AccountCheckPathsTest {

    @Test
    void everyOtherSpellingOfAnAddressIsRefused() {
        for (String path : List.of(
                "/resources/../users.xhtml",
                "/jakarta.faces.resource/../users.xhtml",
                "/resources/%2e%2e/users.xhtml",
                "/resources/%2E%2E/users.xhtml",
                "/resources/.%2e/users.xhtml",
                "/resources/..;/users.xhtml",
                "//users.xhtml",
                "/./users.xhtml",
                "/users.xhtml;jsessionid=ABC",
                "/api/admin/../admin/users",
                "/sync/v5/../v5/site",
                "/resources\\..\\users.xhtml",
                "/resources/%5c../users.xhtml",
                "/api/admin/users/.",
                "/api/admin/users/..")) {
            assertTrue(AccountCheck.respelled(path), path);
        }
    }

    @Test
    void theApplicationsOwnAddressesPass() {
        for (String path : List.of(
                "/users.xhtml",
                "/",
                "/api/admin/sites",
                "/api/admin/sites/12/legacy-identity",
                "/sync/v5/queued_records",
                "/jakarta.faces.resource/theme.css.xhtml",
                "/resources/css/syncsites.css",
                "/api/v4/login",
                "/api/admin/site-users/export.csv",
                "/resources/js/app.min.js",
                "/.well-known/security.txt")) {
            assertFalse(AccountCheck.respelled(path), path);
        }
    }

    /** Where the changes a request makes come from, as the audit trail says it, by the path the container routes. */
    @Test
    void eachAddressSaysWhereItsChangesComeFrom() {
        assertEquals(ChangeSource.PAGE, AccountCheck.changeSource("/site.xhtml"));
        assertEquals(ChangeSource.PAGE, AccountCheck.changeSource("/sign-in"));
        assertEquals(ChangeSource.IMPORT, AccountCheck.changeSource("/store-import.xhtml"));
        assertEquals(ChangeSource.IMPORT, AccountCheck.changeSource("/import.xhtml"));
        assertEquals(ChangeSource.IMPORT, AccountCheck.changeSource("/api/admin/sites/import"));
        assertEquals(ChangeSource.API, AccountCheck.changeSource("/api/admin/sites/12"));
        assertEquals(ChangeSource.SYNC, AccountCheck.changeSource("/sync/v5/queued_records"));
        assertEquals(ChangeSource.SYNC, AccountCheck.changeSource("/api/v4/login"));
    }
}
