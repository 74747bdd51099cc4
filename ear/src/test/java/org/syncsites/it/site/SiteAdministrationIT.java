package org.syncsites.it.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.TestData;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.security.Permission;
import org.syncsites.site.SiteSettings;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.siteadmin.SiteDevices;
import org.syncsites.siteadmin.SiteSummary;
import org.syncsites.siteadmin.SiteWarning;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.user.UserAdministration;

/** The rules of mSupply's Sync Sites window, enforced by the SiteAdministration EJB whatever interface calls it. */
@ExtendWith(ArquillianExtension.class)
@Tag("in-server")
class SiteAdministrationIT {

    private static final String PASSWORD = "sync-password-1";

    @Deployment
    static EnterpriseArchive application() {
        return Deployments.applicationWithTests(SiteAdministrationIT.class);
    }

    @EJB
    private SiteAdministration sites;

    @EJB
    private SiteDevices devices;

    @EJB
    private StoreAdministration stores;

    @EJB
    private UserAdministration users;

    @EJB
    private AuditTrail audit;

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    private TestData data;

    @BeforeEach
    void setUp() {
        data = new TestData(dataSource);
    }

    // ------------------------------------------------------------------ creating

    @Test
    void theStorePickerListsAtMostTheStoresAskedForByName() {
        String prefix = TestData.unique("PICK");
        for (String suffix : List.of("C", "A", "B")) {
            As.admin(() -> stores.create(prefix + suffix, "Picker " + prefix + suffix));
        }
        List<StoreSummary> firstTwo = As.admin(() -> stores.list(prefix, 2));
        assertEquals(
                List.of(prefix + "A", prefix + "B"),
                firstTwo.stream().map(StoreSummary::code).toList());
    }

    @Test
    void theStoreListIsLoadedAPageAtATimeWithHowManyMatchOutOfAll() {
        String prefix = TestData.unique("PAGE");
        for (String suffix : List.of("C", "A", "B")) {
            As.admin(() -> stores.create(prefix + suffix, "Paged " + prefix + suffix));
        }
        ListPage<StoreSummary> second = As.admin(() -> stores.list(prefix.toLowerCase(), 1, 1));
        assertEquals(
                List.of(prefix + "B"),
                second.rows().stream().map(StoreSummary::code).toList(),
                "by name, from the offset, at most the limit, whatever the filter's case");
        assertEquals(3, second.matching());
        ListPage<StoreSummary> all = As.admin(() -> stores.list("", 0, 1));
        assertEquals(all.total(), all.matching(), "no filter: every store matches");
        assertTrue(second.total() >= 3 && second.total() == all.total(), "the total counts every store");
    }

    @Test
    void newSiteGetsAServerAllocatedIdAndKeepsOnlyAPasswordHash() {
        String name = TestData.unique("Clinic");
        SiteDetails first = As.admin(() -> sites.create(newSite(name)));
        SiteDetails second = As.admin(() -> sites.create(newSite(TestData.unique("Clinic"))));
        assertTrue(second.id() > first.id(), "IDs are allocated in increasing order");
        assertTrue(first.passwordSet());
        assertEquals(name, first.name());
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM site WHERE id = ? AND password_hash LIKE '$2a$%' "
                                + "AND password_hash <> ?",
                        first.id(), PASSWORD),
                "stored as a bcrypt hash, never in clear");
    }

    @Test
    void siteNamesAreUniqueIgnoringCase() {
        String name = TestData.unique("Warehouse");
        As.admin(() -> sites.create(newSite(name)));
        RuleViolation refused =
                assertThrows(RuleViolation.class, () -> As.admin(() -> sites.create(newSite(name.toUpperCase()))));
        assertEquals("name", refused.field());
        assertTrue(refused.getMessage().contains("Choose another name"), refused.getMessage());
    }

    @Test
    void badValuesAreRejectedAndNothingIsSaved() {
        String name = TestData.unique("Bad");
        SiteSettings bad = new SiteSettings("C".repeat(21), name, false, false, 0, 5001, "ftp://not-http");
        long before = data.count("SELECT COUNT(*) FROM site");
        RuleViolation refused = assertThrows(
                RuleViolation.class,
                () -> As.admin(() -> sites.create(SiteChangeSet.newSite(bad, PASSWORD, List.of()))));
        Set<String> fields = Set.copyOf(
                refused.problems().stream().map(RuleViolation.Problem::field).toList());
        assertEquals(Set.of("code", "syncIntervalMinutes", "syncRequestSize", "serverUrl"), fields);
        assertEquals(before, data.count("SELECT COUNT(*) FROM site"), "nothing saved");

        RuleViolation blank = assertThrows(
                RuleViolation.class,
                () -> As.admin(() -> sites.create(SiteChangeSet.newSite(settings("  "), PASSWORD, List.of()))));
        assertEquals("name", blank.field());
        RuleViolation tooLong = assertThrows(
                RuleViolation.class,
                () -> As.admin(
                        () -> sites.create(SiteChangeSet.newSite(settings("N".repeat(101)), PASSWORD, List.of()))));
        assertEquals("name", tooLong.field());
        RuleViolation shortPassword = assertThrows(
                RuleViolation.class,
                () -> As.admin(() -> sites.create(SiteChangeSet.newSite(settings(name), "short", List.of()))));
        assertEquals("password", shortPassword.field());
    }

    // ------------------------------------------------------------------ editing

    @Test
    void aChangeSetAppliesValuesPasswordAndStoresTogether() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Edit"))));
        StoreSummary store = newStore();
        String renamed = TestData.unique("Renamed");
        SiteSettings changed =
                new SiteSettings("E1", renamed, false, true, 15, 250, "https://central.example.org:2048");
        SiteDetails saved = As.admin(() -> sites.update(SiteChangeSet.edit(site, changed)
                .withPassword("another-password")
                .addingStores(store.id())));
        assertEquals(changed, saved.settings());
        assertEquals(
                List.of(store.id()),
                saved.stores().stream().map(StoreSummary::id).toList());
        assertTrue(saved.version() > site.version());
    }

    @Test
    void aRefusedChangeSetSavesNothingAtAll() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Atomic"))));
        StoreSummary store = newStore();
        SiteChangeSet changes = SiteChangeSet.edit(site, settings(TestData.unique("NotSaved")))
                .addingStores(store.id(), Long.MAX_VALUE);
        assertThrows(NotFound.class, () -> As.admin(() -> sites.update(changes)));
        SiteDetails after = As.admin(() -> sites.get(site.id()));
        assertEquals(site.name(), after.name(), "the rename was rolled back with the rest");
        assertTrue(after.stores().isEmpty(), "the valid store addition was rolled back too");
        assertEquals(site.version(), after.version());
    }

    @Test
    void addingAStoreMovesItFromTheSiteItWasOn() {
        StoreSummary store = newStore();
        SiteDetails from = As.admin(() -> sites.create(newSiteWith(TestData.unique("From"), store.id())));
        SiteDetails to = As.admin(() -> sites.create(newSite(TestData.unique("To"))));
        As.admin(() -> sites.update(SiteChangeSet.edit(to, to.settings()).addingStores(store.id())));
        assertTrue(As.admin(() -> sites.get(from.id())).stores().isEmpty());
        assertEquals(1, As.admin(() -> sites.get(to.id())).stores().size());
    }

    @Test
    void removingAStoreFromARemoteSiteMovesItToTheCentralSite() {
        StoreSummary store = newStore();
        SiteDetails site = As.admin(() -> sites.create(newSiteWith(TestData.unique("Remote"), store.id())));
        As.admin(() -> sites.update(SiteChangeSet.edit(site, site.settings()).removingStores(store.id())));
        StoreSummary moved = As.admin(() -> stores.list(store.code(), 1)).get(0);
        assertTrue(moved.onCentralSite(), "removed stores go to the central server");
    }

    @Test
    void aMobileSiteHoldsAtMostOneStore() {
        StoreSummary first = newStore();
        StoreSummary second = newStore();
        SiteDetails site = As.admin(() -> sites.create(newSiteWith(TestData.unique("Tablet"), first.id())));
        data.deviceSynced(site.id(), "MOBILE");
        SiteDetails mobile = As.admin(() -> sites.get(site.id()));
        RuleViolation refused = assertThrows(
                RuleViolation.class,
                () -> As.admin(() -> sites.update(
                        SiteChangeSet.edit(mobile, mobile.settings()).addingStores(second.id()))));
        assertTrue(
                refused.getMessage().contains("You can only add a single store to a mobile type site"),
                refused.getMessage());
        // swapping the store is fine: one out, one in
        SiteDetails swapped = As.admin(() -> sites.update(SiteChangeSet.edit(mobile, mobile.settings())
                .removingStores(first.id())
                .addingStores(second.id())));
        assertEquals(
                List.of(second.id()),
                swapped.stores().stream().map(StoreSummary::id).toList());
    }

    @Test
    void theSecondOfTwoConcurrentEditsGetsAConflictAndNothingIsOverwritten() {
        SiteDetails opened = As.admin(() -> sites.create(newSite(TestData.unique("Shared"))));
        String firstName = TestData.unique("FirstAdmin");
        As.admin(() -> sites.update(SiteChangeSet.edit(opened, settings(firstName))));
        EditConflict conflict = assertThrows(
                EditConflict.class,
                () -> As.admin(
                        () -> sites.update(SiteChangeSet.edit(opened, settings(TestData.unique("SecondAdmin"))))));
        assertTrue(conflict.getMessage().contains("open the site again"), conflict.getMessage());
        assertEquals(firstName, As.admin(() -> sites.get(opened.id())).name());
    }

    @Test
    void storeMovesAloneAlsoConflictWithAConcurrentEdit() {
        SiteDetails opened = As.admin(() -> sites.create(newSite(TestData.unique("Moves"))));
        StoreSummary store = newStore();
        As.admin(
                () -> sites.update(SiteChangeSet.edit(opened, opened.settings()).addingStores(store.id())));
        assertThrows(
                EditConflict.class,
                () -> As.admin(() -> sites.update(SiteChangeSet.edit(opened, settings(TestData.unique("Late"))))));
    }

    // ------------------------------------------------------------------ warnings

    @Test
    void renamingOrRepasswordingASiteInUseIsWarnedBeforehand() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("InUse"))));
        assertTrue(
                As.admin(() -> sites.warningsFor(SiteChangeSet.edit(site, settings(TestData.unique("X")))
                                .withPassword("new-password-1")))
                        .isEmpty(),
                "a site nobody used yet warns of nothing");
        data.deviceSynced(site.id(), "STANDALONE");
        SiteDetails used = As.admin(() -> sites.get(site.id()));
        List<SiteWarning> warnings = As.admin(() -> sites.warningsFor(
                SiteChangeSet.edit(used, settings(TestData.unique("Y"))).withPassword("new-password-1")));
        assertEquals(
                List.of(SiteWarning.Kind.RENAMING_SITE_IN_USE, SiteWarning.Kind.PASSWORD_OF_SITE_IN_USE),
                warnings.stream().map(SiteWarning::kind).toList());
        assertTrue(
                warnings.get(0).text().english().contains("will stop syncing"),
                warnings.get(0).text().english());
        assertTrue(
                warnings.get(0).text().english().contains("last synced on"),
                warnings.get(0).text().english());
    }

    /** Each store named is read: what one question for warnings (which viewers may ask) costs is bounded. */
    @Test
    void aQuestionForWarningsNamesAtMostAThousandStores() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Many"))));
        Set<Long> stores = LongStream.rangeClosed(1, SiteAdministration.MOST_STORES_WARNED_OF + 1)
                .boxed()
                .collect(Collectors.toSet());
        RuleViolation refused = assertThrows(
                RuleViolation.class,
                () -> As.admin(() -> sites.warningsFor(
                        new SiteChangeSet(site.id(), site.version(), site.settings(), null, stores, Set.of()))));
        assertTrue(refused.getMessage().contains("at most 1,000 stores"), refused.getMessage());
    }

    @Test
    void movingAStoreAwayFromARemoteSiteInUseIsWarnedBeforehand() {
        StoreSummary store = newStore();
        SiteDetails remote = As.admin(() -> sites.create(newSiteWith(TestData.unique("Busy"), store.id())));
        data.deviceSynced(remote.id(), "STANDALONE");
        SiteDetails other = As.admin(() -> sites.create(newSite(TestData.unique("Other"))));
        List<SiteWarning> warnings = As.admin(() ->
                sites.warningsFor(SiteChangeSet.edit(other, other.settings()).addingStores(store.id())));
        assertEquals(1, warnings.size());
        assertEquals(SiteWarning.Kind.STORE_LEAVES_SITE_IN_USE, warnings.get(0).kind());
        assertTrue(
                warnings.get(0).text().english().contains(remote.name()),
                warnings.get(0).text().english());
        assertTrue(
                warnings.get(0).text().english().contains("last synced on"),
                warnings.get(0).text().english());
        assertTrue(
                warnings.get(0).text().english().contains("waiting to be sent"),
                warnings.get(0).text().english());
    }

    // ------------------------------------------------------------------ deleting

    @Test
    void aSiteWithStoresCannotBeDeleted() {
        StoreSummary store = newStore();
        SiteDetails site = As.admin(() -> sites.create(newSiteWith(TestData.unique("Full"), store.id())));
        RuleViolation refused = assertThrows(RuleViolation.class, () -> As.admin(() -> sites.delete(site.id())));
        assertTrue(refused.getMessage().contains("still has 1 store. Remove it first"), refused.getMessage());
    }

    @Test
    void theActiveSiteOfThisDatafileCannotBeDeleted() {
        SiteDetails site = As.admin(() -> sites.create(SiteChangeSet.newSite(
                new SiteSettings("", TestData.unique("Active"), true, false, 5, 500, ""), PASSWORD, List.of())));
        RuleViolation refused = assertThrows(RuleViolation.class, () -> As.admin(() -> sites.delete(site.id())));
        assertTrue(refused.getMessage().contains("active site on this datafile"), refused.getMessage());
        SiteSummary central = As.admin(() -> sites.list("", 0, 1)).rows().get(0);
        assertTrue(central.central(), "the central server's site sorts first");
        assertThrows(RuleViolation.class, () -> As.admin(() -> sites.delete(central.id())));
    }

    @Test
    void anEmptySiteIsDeletedAndItsIdIsNeverReused() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Empty"))));
        As.admin(() -> sites.delete(site.id()));
        assertThrows(NotFound.class, () -> As.admin(() -> sites.get(site.id())));
        SiteDetails next = As.admin(() -> sites.create(newSite(TestData.unique("Next"))));
        assertTrue(next.id() > site.id());
    }

    // ------------------------------------------------------------------ device binding and blocking

    @Test
    void hardwareIdResetAndUnblockAreAudited() {
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Device"))));
        data.deviceSynced(site.id(), "STANDALONE");
        data.blocked(site.id());
        SiteDetails reset = As.admin(() -> devices.resetHardwareId(site.id()));
        assertNull(reset.hardwareId());
        SiteDetails unblocked = As.admin(() -> devices.unblock(site.id()));
        assertFalse(unblocked.blocked());
        assertEquals(0, unblocked.failedLoginCount());
        List<AuditView> trail = As.admin(() -> audit.of("Site", site.id()));
        assertTrue(trail.stream()
                .anyMatch(a -> a.action() == AuditTrail.Action.HARDWARE_ID_RESET
                        && ("device-" + site.id()).equals(a.oldValue())
                        && a.newValue() == null));
        assertTrue(trail.stream().anyMatch(a -> a.action() == AuditTrail.Action.SITE_UNBLOCKED));
    }

    // ------------------------------------------------------------------ permissions and audit

    @Test
    void aUserWithoutThePermissionMayViewButTheEjbRefusesEveryChange() {
        String viewer = TestData.unique("viewer").toLowerCase();
        As.admin(() -> users.create(viewer, "Viewing User", "viewer-password"));
        SiteDetails site = As.admin(() -> sites.create(newSite(TestData.unique("Guarded"))));

        ListPage<SiteSummary> page = As.user(viewer, "viewer-password", () -> sites.list("", 0, 10));
        assertTrue(page.total() >= 2, "viewers see the list");
        assertEquals(
                site.name(),
                As.user(viewer, "viewer-password", () -> sites.get(site.id())).name());

        List<Runnable> changes = List.of(
                () -> sites.create(newSite(TestData.unique("Forged"))),
                () -> sites.update(SiteChangeSet.edit(site, settings(TestData.unique("Forged")))),
                () -> sites.delete(site.id()),
                () -> devices.resetHardwareId(site.id()),
                () -> devices.unblock(site.id()),
                () -> sites.setPassword(site.id(), "forged-password"),
                () -> stores.create(TestData.unique("F"), "Forged store"),
                () -> users.grant(1, Permission.EDIT_SYNC_SETTINGS));
        for (Runnable change : changes) {
            assertThrows(EJBAccessException.class, () -> As.user(viewer, "viewer-password", change::run));
        }
        assertEquals(site.name(), As.admin(() -> sites.get(site.id())).name());
    }

    @Test
    void grantingThePermissionLetsTheUserEdit() {
        String user = TestData.unique("editor").toLowerCase();
        long id = As.admin(() -> users.create(user, "", "editor-password")).id();
        assertThrows(
                EJBAccessException.class,
                () -> As.user(user, "editor-password", () -> sites.create(newSite(TestData.unique("No")))));
        As.admin(() -> users.grant(id, Permission.EDIT_SYNC_SETTINGS));
        SiteDetails created = As.user(user, "editor-password", () -> sites.create(newSite(TestData.unique("Yes"))));
        assertTrue(created.id() > 0);
        As.admin(() -> users.revoke(id, Permission.EDIT_SYNC_SETTINGS));
        assertThrows(
                EJBAccessException.class,
                () -> As.user(user, "editor-password", () -> sites.create(newSite(TestData.unique("NoAgain")))));
    }

    @Test
    void theAuditTrailSaysWhoChangedWhatAndNeverShowsPasswords() {
        String oldName = TestData.unique("Before");
        String newName = TestData.unique("After");
        SiteDetails site = As.admin(() -> sites.create(newSite(oldName)));
        As.admin(() -> sites.update(SiteChangeSet.edit(site, settings(newName)).withPassword("secret-new-password")));
        List<AuditView> trail = As.admin(() -> audit.of("Site", site.id()));
        AuditView rename =
                trail.stream().filter(a -> "name".equals(a.field())).findFirst().orElseThrow();
        assertEquals(As.ADMIN, rename.actor());
        assertEquals(oldName, rename.oldValue());
        assertEquals(newName, rename.newValue());
        AuditView password = trail.stream()
                .filter(a -> a.action() == AuditTrail.Action.SITE_PASSWORD_SET)
                .findFirst()
                .orElseThrow();
        assertNull(password.oldValue());
        assertNull(password.newValue());
        assertEquals(
                0,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE old_value LIKE '%secret%' "
                                + "OR new_value LIKE '%secret%' OR old_value LIKE '%sync-password%' OR new_value LIKE '%sync-password%'"));
    }

    @Test
    void theListFiltersAndCountsShownOverTotal() {
        String tag = TestData.unique("Filterable");
        As.admin(() -> sites.create(newSite(tag + "-a")));
        As.admin(() -> sites.create(newSite(tag + "-b")));
        ListPage<SiteSummary> page = As.admin(() -> sites.list(tag.toLowerCase(), 0, 50));
        assertEquals(2, page.matching());
        assertTrue(page.total() > 2);
        assertEquals(
                List.of(tag + "-a", tag + "-b"),
                page.rows().stream().map(SiteSummary::name).toList());
    }

    // ------------------------------------------------------------------ helpers

    private StoreSummary newStore() {
        String code = TestData.unique("S");
        return As.admin(() -> stores.create(code, "Store " + code));
    }

    private static SiteSettings settings(String name) {
        return new SiteSettings("", name, false, false, 5, 500, "");
    }

    private static SiteChangeSet newSite(String name) {
        return SiteChangeSet.newSite(settings(name), PASSWORD, List.of());
    }

    private static SiteChangeSet newSiteWith(String name, long storeId) {
        return SiteChangeSet.newSite(settings(name), PASSWORD, List.of(storeId));
    }
}
