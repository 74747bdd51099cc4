package org.syncsites.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncsites.platform.RuleViolation;

class SiteRulesTest {

    private static SiteSettings withName(String name) {
        return new SiteSettings("", name, false, false, 5, 500, "");
    }

    private static List<String> fieldsWithProblems(SiteSettings settings) {
        return SiteRules.problemsWith(settings.trimmed()).stream()
                .map(RuleViolation.Problem::field)
                .toList();
    }

    @Test
    void theDefaultsOfANewSiteAreValidOnceNamed() {
        SiteRules.requireValid(new SiteSettings(
                "",
                "Clinic",
                false,
                false,
                SiteSettings.defaults().syncIntervalMinutes(),
                SiteSettings.defaults().syncRequestSize(),
                ""));
    }

    @Test
    void aSiteNeedsANameOfAtMost100Characters() {
        assertEquals(List.of("name"), fieldsWithProblems(withName("   ")));
        assertEquals(List.of("name"), fieldsWithProblems(withName("x".repeat(101))));
        assertEquals(List.of(), fieldsWithProblems(withName("x".repeat(100))));
    }

    @Test
    void aSiteNameCannotHoldAColonWhichWouldCutItsSignIn() {
        assertEquals(List.of("name"), fieldsWithProblems(withName("Clinic:7")));
        assertEquals(List.of(), fieldsWithProblems(withName("Clinic 7")));
    }

    @Test
    void theSyncIntervalIsAtLeastOneMinute() {
        assertEquals(
                List.of("syncIntervalMinutes"),
                fieldsWithProblems(new SiteSettings("", "A", false, false, 0, 500, "")));
        assertEquals(List.of(), fieldsWithProblems(new SiteSettings("", "A", false, false, 1, 500, "")));
    }

    @Test
    void theRequestSizeStaysWithinBounds() {
        assertEquals(
                List.of("syncRequestSize"),
                fieldsWithProblems(
                        new SiteSettings("", "A", false, false, 5, SiteRules.MIN_SYNC_REQUEST_SIZE - 1, "")));
        assertEquals(
                List.of("syncRequestSize"),
                fieldsWithProblems(
                        new SiteSettings("", "A", false, false, 5, SiteRules.MAX_SYNC_REQUEST_SIZE + 1, "")));
    }

    @Test
    void theServerUrlIsBlankOrAnHttpUrlWithAHost() {
        assertNull(SiteRules.serverUrlProblem(""));
        assertNull(SiteRules.serverUrlProblem("https://central.example.org:2048"));
        assertNull(SiteRules.serverUrlProblem("http://10.0.0.5:8080/"));
        assertNotNull(SiteRules.serverUrlProblem("central.example.org"));
        assertNotNull(SiteRules.serverUrlProblem("ftp://central.example.org"));
        assertNotNull(SiteRules.serverUrlProblem("http://"));
        assertNotNull(SiteRules.serverUrlProblem("http://exa mple.org"));
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        RuleViolation violation = assertThrows(
                RuleViolation.class,
                () -> SiteRules.requireValid(new SiteSettings("c".repeat(21), "", false, false, 0, 0, "nonsense")));
        assertEquals(
                List.of("code", "name", "syncIntervalMinutes", "syncRequestSize", "serverUrl"),
                violation.problems().stream().map(RuleViolation.Problem::field).toList());
    }

    @Test
    void mobileSiteHoldsAtMostOneStore() {
        assertNull(SiteRules.storeCapacityProblem(SiteType.MOBILE, "Tablet", 1));
        assertTrue(SiteRules.storeCapacityProblem(SiteType.MOBILE, "Tablet", 2)
                .english()
                .startsWith("You can only add a single store to a mobile type site."));
        assertNull(SiteRules.storeCapacityProblem(SiteType.STANDALONE, "Desktop", 12));
    }

    @Test
    void syncPasswordsHaveAtLeastEightCharacters() {
        assertNotNull(SiteRules.passwordProblem(null));
        assertNotNull(SiteRules.passwordProblem("1234567"));
        assertNull(SiteRules.passwordProblem("12345678"));
    }

    @Test
    void theAppNameTellsTheSiteType() {
        assertEquals(SiteType.MOBILE, SiteType.ofAppName("Open mSupply Android"));
        assertEquals(SiteType.STANDALONE, SiteType.ofAppName("Open mSupply Desktop"));
        assertEquals(SiteType.STANDALONE, SiteType.ofAppName(null));
    }
}
