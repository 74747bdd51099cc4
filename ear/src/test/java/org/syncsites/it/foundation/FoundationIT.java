package org.syncsites.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestServer;

/** The whole chain, from outside, as a person or a load balancer meets it: health, sign-in, the first page. */
@ExtendWith(TestServer.class)
class FoundationIT {

    @Test
    void healthReportsReadyWithoutSignIn() {
        HttpResponse<String> health = new Browserless().get("/api/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"schemaVersion\":\""), health.body());
        assertTrue(health.body().contains("\"centralSite\":\"UP\""), health.body());
    }

    @Test
    void pagesAskForSignInFirst() {
        HttpResponse<String> page = new Browserless().get("/sites.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"login-form\""), "the sign-in form is shown instead of the page");
        assertFalse(page.body().contains("id=\"sites:table\""), "no site list without signing in");
    }

    @Test
    void firstAdministratorSignsInAndSeesTheCentralSite() {
        Browserless browser = new Browserless();
        HttpResponse<String> first = browser.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("Network health"), "the dashboard comes first: " + first.body());
        HttpResponse<String> page = browser.get("/sites.xhtml");
        assertTrue(page.body().contains("id=\"sites:table\""), page.body());
        assertTrue(page.body().contains("Central server"), "the central site, created on first start, is listed");
        assertTrue(page.body().contains("May edit sync settings"), "the administrator holds the permission");
        assertTrue(page.body().contains("primefaces"), "PrimeFaces renders the page");
    }

    @Test
    void wrongPasswordIsRefusedWithAMessage() {
        HttpResponse<String> page = new Browserless().signIn(As.ADMIN, "not-the-password");
        assertTrue(page.body().contains("The user name or password is not right"), page.body());
        assertFalse(page.body().contains("id=\"sites:table\""), "no site list without signing in");
    }

    @Test
    void signOutEndsTheSession() {
        Browserless browser = new Browserless();
        browser.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        HttpResponse<String> afterSignOut = browser.postForm("/logout");
        assertTrue(afterSignOut.body().contains("id=\"login-form\""), "after signing out, the sign-in form is shown");
    }
}
