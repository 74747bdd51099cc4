package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * A session whose account was disabled reaches nothing through another spelling of an address: the container routes
 * a path on its normalised form, so the account check decides on the routed path and refuses every other spelling
 * (dot segments, encoded dots, path parameters, empty segments) outright, for pages, the admin API and the sync API.
 */
@ExtendWith(TestServer.class)
class AddressSpellingsIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void aDisabledUsersSessionReachesNothingThroughAnotherSpellingOfAnAddress() {
        String user = TestData.unique("spelling").toLowerCase();
        HttpResponse<String> created = admin.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + user + "\",\"fullName\":\"Spelling Tester\",\"password\":\"spelling-pass-1\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = AdminApi.id(created.body());
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + id + "/permissions/EDIT_SYNC_SETTINGS", "{}")
                        .statusCode());
        Browserless session = new Browserless();
        session.signIn(user, "spelling-pass-1");
        assertEquals(200, session.getAsWritten("/users.xhtml").status(), "signed in");
        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + id + "/disable", "{}").statusCode());

        for (String spelling : List.of(
                "/resources/../users.xhtml",
                "/jakarta.faces.resource/../users.xhtml",
                "/resources/%2e%2e/users.xhtml",
                "/resources/..;/users.xhtml",
                "//users.xhtml",
                "/./users.xhtml",
                "/users.xhtml;jsessionid=" + user,
                "/resources/../api/admin/users",
                "/api/admin/../admin/users",
                "/api//admin/users",
                "/sync/v5/../v5/site")) {
            Browserless.Raw answer = session.getAsWritten(spelling);
            assertEquals(400, answer.status(), spelling + ": " + answer.body());
            assertFalse(answer.body().contains("users:table") || answer.body().contains("\"username\""), spelling);
        }
        assertEquals(401, session.getAsWritten("/api/admin/users").status(), "the address itself ends the session");
    }
}
