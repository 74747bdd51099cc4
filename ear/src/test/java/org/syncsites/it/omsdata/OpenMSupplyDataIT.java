package org.syncsites.it.omsdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Two open-mSupply sites, each with a store, sync with the central as open-mSupply does ({@link OpenMSupplySite}): what
 * each pushes is taken and reaches exactly the sites the legacy tables' rules say (docs/open-msupply-data.md), and
 * what they pull has the shapes open-mSupply integrates.
 */
@ExtendWith(TestServer.class)
class OpenMSupplyDataIT {

    private static final String PASSWORD = "oms-password-1";

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();
    private String bName;
    private String storeA;
    private String storeB;
    private long siteA;
    private long siteB;
    private OpenMSupplySite a;
    private OpenMSupplySite b;

    @BeforeEach
    void twoSitesEachWithAStoreInitialised() {
        storeA = TestData.unique("OA");
        storeB = TestData.unique("OB");
        long idA = admin.createStore(storeA, "Clinic " + storeA);
        long idB = admin.createStore(storeB, "Warehouse " + storeB);
        String nameA = TestData.unique("OmsA");
        String nameB = TestData.unique("OmsB");
        bName = nameB;
        siteA = site(nameA, idA);
        siteB = site(nameB, idB);
        a = new OpenMSupplySite(nameA, PASSWORD);
        b = new OpenMSupplySite(nameB, PASSWORD);
        a.sync(500);
        b.sync(500);
    }

    @Test
    void eachSiteHasItsStoreActiveWithTheStoresNameAndSeesTheOtherStore() {
        assertEquals(List.of(storeA), a.activeStores(), "open-mSupply ignores a store without its name record");
        assertEquals(List.of(storeB), b.activeStores());
        JsonObject other = a.got(storeB);
        assertNotNull(other, "every store reaches every site: transfers name the other store");
        JsonObject name = a.got(other.getString("name_ID"));
        assertEquals("store", name.getString("type"));
        assertEquals("Warehouse " + storeB, name.getString("name"));
        assertEquals(false, other.getBoolean("disabled"));

        long idB = data.count("SELECT id FROM store WHERE code = ?", storeB);
        assertEquals(
                400,
                admin.call(
                                "PUT",
                                "/api/admin/stores/" + idB + "/open-msupply",
                                "{\"mode\":\"drug_registry\",\"disabled\":false}")
                        .statusCode(),
                "open-mSupply knows two modes");
        HttpResponse<String> set = admin.call(
                "PUT", "/api/admin/stores/" + idB + "/open-msupply", "{\"mode\":\"dispensary\",\"disabled\":true}");
        assertEquals(200, set.statusCode(), set.body());
        a.sync(500);
        assertEquals("dispensary", a.got(storeB).getString("store_mode"));
        assertEquals(true, a.got(storeB).getBoolean("disabled"));
        assertEquals(
                1,
                data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'STORE_MODE_SET' AND entity_id = ?", idB));
    }

    /** open-mSupply pushes a finalised invoice's lines before the invoice, in separate requests, lines without a store. */
    @Test
    void aFinalisedInvoiceWhoseLinesComeFirstIsTakenWholeAndNothingIsSetAside() {
        String invoice = TestData.unique("INV");
        a.change("trans_line", invoice + "-L1", OpenMSupplySite.invoiceLine(invoice + "-L1", invoice));
        a.change("trans_line", invoice + "-L2", OpenMSupplySite.invoiceLine(invoice + "-L2", invoice));
        a.change("transact", invoice, OpenMSupplySite.invoice(invoice, storeA, "NAME-OF-A-CUSTOMER"));
        a.delete("trans_line", invoice + "-NEVER-PUSHED"); // made and deleted before any push
        a.sync(1);

        assertEquals(
                3,
                data.count(
                        "SELECT COUNT(*) FROM store_record r JOIN store st ON st.id = r.store_id "
                                + "WHERE st.code = ? AND r.record_id LIKE ?",
                        storeA,
                        invoice + "%"),
                "the invoice and its lines");
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteA), "nothing set aside");
        assertNull(b.got(invoice), "no transfer: nothing for B");
    }

    /**
     * Lines pushed before their invoice are the pushing site's as the invoice is: when the store moves to another site
     * between the push and its integration, the invoice and its lines are taken alike, and reach the store's new site.
     */
    @Test
    void linesPushedBeforeTheirInvoiceAreTakenWithItWhenTheStoreMovesBeforeTheIntegration() {
        String invoice = TestData.unique("MI");
        String lines = "["
                + pushed("trans_line", invoice + "-L1", OpenMSupplySite.invoiceLine(invoice + "-L1", invoice)) + ","
                + pushed("trans_line", invoice + "-L2", OpenMSupplySite.invoiceLine(invoice + "-L2", invoice)) + "]";
        assertEquals(
                200,
                a.remote()
                        .post("queued_records", "{\"queueLength\":3,\"data\":" + lines + "}")
                        .statusCode());
        assertEquals(
                200,
                a.remote()
                        .post(
                                "queued_records",
                                "{\"queueLength\":1,\"data\":["
                                        + pushed(
                                                "transact",
                                                invoice,
                                                OpenMSupplySite.invoice(invoice, storeA, "NAME-OF-A-CUSTOMER"))
                                        + "]}")
                        .statusCode());
        String nameC = TestData.unique("OmsC");
        site(nameC, data.count("SELECT id FROM store WHERE code = ?", storeA)); // the store moves before integration
        endPushAndAwaitItsIntegration();

        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteA), "nothing set aside");
        assertEquals(
                3,
                data.count(
                        "SELECT COUNT(*) FROM store_record r JOIN store st ON st.id = r.store_id "
                                + "WHERE st.code = ? AND r.record_id LIKE ?",
                        storeA,
                        invoice + "%"),
                "the invoice and both lines");
        OpenMSupplySite c = new OpenMSupplySite(nameC, PASSWORD);
        c.sync(500);
        assertNotNull(c.got(invoice + "-L1"), "the store's new site has its lines");
        assertNotNull(c.got(invoice));
    }

    /** A's push ends (queueLength 0): what it pushed is integrated, or set aside. */
    /**
     * A site that has not yet learned that one of its stores left it pushes an invoice of that store and a line of the
     * invoice: both are set aside as another store's, for an admin; the line does not wait for a parent that will
     * never be taken.
     */
    @Test
    void aLineOfAnInvoiceWhoseStoreHadLeftTheSiteIsSetAsideAsAnotherStoresNotLeftWaitingForIt() {
        addStore(siteA, admin.createStore(TestData.unique("OA2"), "Another store of A")); // A keeps a store
        site(TestData.unique("OmsC"), data.count("SELECT id FROM store WHERE code = ?", storeA)); // storeA leaves A
        String invoice = TestData.unique("LS");
        String push = "["
                + pushed("transact", invoice, OpenMSupplySite.invoice(invoice, storeA, "NAME-OF-A-CUSTOMER"))
                + "," + pushed("trans_line", invoice + "-L1", OpenMSupplySite.invoiceLine(invoice + "-L1", invoice))
                + "]";
        assertEquals(
                200,
                a.remote()
                        .post("queued_records", "{\"queueLength\":1,\"data\":" + push + "}")
                        .statusCode());
        endPushAndAwaitItsIntegration();
        assertEquals(
                2,
                data.count(
                        "SELECT COUNT(*) FROM sync_in WHERE site_id = ? AND record_id IN (?, ?) AND awaits_parent = FALSE "
                                + "AND failure LIKE '%sync.setAside.anotherStore%'",
                        siteA, invoice, invoice + "-L1"));
    }

    private void endPushAndAwaitItsIntegration() {
        assertEquals(
                200,
                a.remote()
                        .post("queued_records", "{\"queueLength\":0,\"data\":[]}")
                        .statusCode());
        Eventually.await(
                "the push to be integrated",
                Duration.ofSeconds(30),
                () -> data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ? AND failed_at IS NULL", siteA),
                waiting -> waiting == 0);
    }

    private static String pushed(String table, String id, JsonObject data) {
        return Json.createObjectBuilder()
                .add("syncOutId", id)
                .add("tableName", table)
                .add("recordId", id)
                .add("action", "Update")
                .add("recordData", data)
                .build()
                .toString();
    }

    @Test
    void aStocktakeLinePushedBeforeItsStocktakeWaitsForItAndIsTakenWithIt() {
        String stocktake = TestData.unique("ST");
        a.change("Stock_take_lines", stocktake + "-L1", OpenMSupplySite.stocktakeLine(stocktake + "-L1", stocktake));
        a.sync(500);
        String report = admin.call("GET", "/api/admin/sites/" + siteA + "/integration-failure", null)
                .body();
        assertTrue(report.contains("Waiting for its parent") && report.contains("stock_take_ID"), report);

        a.change("Stock_take", stocktake, OpenMSupplySite.stocktake(stocktake, storeA));
        a.sync(500);
        assertEquals(2, data.count("SELECT COUNT(*) FROM store_record WHERE record_id LIKE ?", stocktake + "%"));
        assertEquals(
                204,
                admin.call("GET", "/api/admin/sites/" + siteA + "/integration-failure", null)
                        .statusCode(),
                "nothing set aside any more");
    }

    /**
     * B pulls a transfer to its store and, before it acknowledges, A changes the transfer: once B acknowledges what it
     * pulled, its next pull brings the new version (it was skipped as already queued, and the acknowledgement of the
     * old version ended it).
     */
    @Test
    void aRecordChangedWhileItsSitesPullWaitsForItsAcknowledgementReachesItAgain() {
        String nameOfB = a.got(storeB).getString("name_ID");
        String transfer = TestData.unique("TV");
        a.change("transact", transfer, OpenMSupplySite.invoice(transfer, storeA, nameOfB));
        a.sync(500);
        String ids = pullWithoutAcknowledging(b, transfer);

        a.change(
                "transact",
                transfer,
                Json.createObjectBuilder(OpenMSupplySite.invoice(transfer, storeA, nameOfB))
                        .add("comment", "changed after B pulled it")
                        .build());
        a.sync(500);
        acknowledge(b, ids);
        b.sync(500);
        assertEquals("changed after B pulled it", b.got(transfer).getString("comment"));
    }

    @Test
    void aTransferWithItsLinesAndAMessageReachTheOtherStoresSiteOnly() {
        String nameOfB = a.got(storeB).getString("name_ID");
        String transfer = TestData.unique("TR");
        a.change("trans_line", transfer + "-L1", OpenMSupplySite.invoiceLine(transfer + "-L1", transfer));
        a.change("transact", transfer, OpenMSupplySite.invoice(transfer, storeA, nameOfB));
        a.change("trans_line", transfer + "-L2", OpenMSupplySite.invoiceLine(transfer + "-L2", transfer));
        String message = TestData.unique("MSG");
        a.change("message", message, OpenMSupplySite.message(message, storeA, storeB));
        a.sync(2);
        b.sync(500);

        assertEquals(storeA, b.got(transfer).getString("store_ID"));
        assertNotNull(b.got(transfer + "-L1"), "a line pushed before the transfer");
        assertNotNull(b.got(transfer + "-L2"), "a line pushed after it");
        assertEquals(storeB, b.got(message).getString("toStoreID"));
        a.sync(500);
        assertNull(a.got(transfer), "never echoed to the site that pushed it");
        assertNull(a.got(message));

        // B processes the message: A learns it
        b.change(
                "message",
                message,
                Json.createObjectBuilder(b.got(message))
                        .add("status", "processed")
                        .build());
        b.sync(500);
        a.sync(500);
        assertEquals("processed", a.got(message).getString("status"));
    }

    /** A transfer waits in the queue of the other store's site as that store's: it leaves the site with the store. */
    @Test
    void aTransferToAStoreThatLeavesItsSiteBeforeTheSitePullsIsNotSentThere() {
        String nameOfB = a.got(storeB).getString("name_ID");
        String transfer = TestData.unique("TL");
        a.change("transact", transfer, OpenMSupplySite.invoice(transfer, storeA, nameOfB));
        a.change("trans_line", transfer + "-L1", OpenMSupplySite.invoiceLine(transfer + "-L1", transfer));
        a.sync(500);
        site(TestData.unique("OmsD"), data.count("SELECT id FROM store WHERE code = ?", storeB)); // it leaves B
        b.sync(500);
        assertNull(b.got(transfer), "not sent to a site that no longer holds the store it is for");
        assertNull(b.got(transfer + "-L1"));
    }

    @Test
    void aPatientReachesTheSitesWhereItIsVisibleWithItsDocumentsAndABarcodeReachesEverySite() {
        String patient = TestData.unique("PAT");
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Moreira"));
        a.change("name_store_join", patient + "-A", OpenMSupplySite.nameStoreJoin(patient + "-A", patient, storeA));
        String barcode = TestData.unique("BC");
        a.change("barcode", barcode, OpenMSupplySite.barcode(barcode, "0614141000012"));
        a.sync(500);
        b.sync(500);
        assertNull(b.got(patient), "not visible to B's store");
        assertEquals("0614141000012", b.got(barcode).getString("barcode"), "barcodes reach every site");

        // B cannot change a patient that none of its stores sees
        b.change("om_document", patient + "-FORGED", OpenMSupplySite.document(patient + "-FORGED", patient));
        b.sync(500);
        String report = admin.call(
                        "GET",
                        "/api/admin/sites/" + data.count("SELECT id FROM site WHERE name_key = ?", bName.toLowerCase())
                                + "/integration-failure",
                        null)
                .body();
        assertTrue(
                report.contains(patient + "-FORGED") && report.contains("no store of the site that pushed it sees"),
                report);
        assertEquals("[]", b.remote().getFromApiV4("patient?is_deleted=false").body(), "no list of every patient");

        // B searches the central's patients as open-mSupply does before creating one
        HttpResponse<String> found = b.remote().getFromApiV4("patient?last_name=%40OREIR%40&is_deleted=false");
        assertEquals(200, found.statusCode(), found.body());
        JsonObject hit =
                Json.createReader(new StringReader(found.body())).readArray().getValuesAs(JsonObject.class).stream()
                        .filter(p -> p.getString("ID").equals(patient))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(found.body()));
        assertEquals("1990-01-31T00:00:00", hit.getString("date_of_birth"));
        assertEquals("", hit.getString("phone"), "never null: open-mSupply refuses a null phone");
        assertEquals("Ana", hit.getString("first"));
        assertTrue(b.remote()
                .getFromApiV4("patient?code=P-" + patient + "&dob=1990-01-31&is_deleted=false")
                .body()
                .contains(patient));
        assertEquals(
                "[]",
                b.remote()
                        .getFromApiV4("patient?code=P-" + patient + "&dob=1991-01-31&is_deleted=false")
                        .body());
        assertEquals(
                401,
                b.remote()
                        .withPassword("wrong")
                        .getFromApiV4("patient?is_deleted=false")
                        .statusCode());

        // B fetches the patient from the central: its store is made a viewer, the patient's data comes at its next sync
        String asked = "{\"name_ID\":\"" + patient + "\",\"store_ID\":\"" + storeB + "\"}";
        HttpResponse<String> linked = b.remote().postToApiV4("name_store_join", asked);
        assertEquals(200, linked.statusCode(), linked.body());
        JsonObject join = Json.createReader(new StringReader(linked.body())).readObject();
        assertEquals(patient, join.getString("name_ID"));
        assertEquals(storeB, join.getString("store_ID"));
        assertEquals(false, join.getBoolean("inactive"));
        HttpResponse<String> again = b.remote().postToApiV4("name_store_join", asked);
        assertTrue(again.body().contains(join.getString("ID")), "sent again (open-mSupply retries): the same join");
        assertEquals(
                401,
                b.remote()
                        .withPassword("wrong")
                        .postToApiV4("name_store_join", asked)
                        .statusCode());
        b.sync(500);
        assertEquals("Moreira", b.got(patient).getString("last"));
        assertEquals(storeB, b.got(join.getString("ID")).getString("store_ID"), "the join the central made");

        a.change("om_document", patient + "-D1", OpenMSupplySite.document(patient + "-D1", patient));
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Moreira Lopes"));
        a.sync(500);
        b.sync(500);
        assertEquals("Moreira Lopes", b.got(patient).getString("last"), "an edit reaches the viewer");
        assertNotNull(b.got(patient + "-D1"), "and the patient's documents");
        a.sync(500);
        assertNull(a.got(patient + "-D1"), "never echoed to the site that pushed it");
    }

    /** A store that moves to another site brings all of its records there, lines and the patients it sees included. */
    @Test
    void aStoreThatMovesBringsItsRecordsItsLinesAndItsPatientsToItsNewSite() {
        String invoice = TestData.unique("MV");
        a.change("trans_line", invoice + "-L1", OpenMSupplySite.invoiceLine(invoice + "-L1", invoice));
        a.change("transact", invoice, OpenMSupplySite.invoice(invoice, storeA, "NAME-OF-A-CUSTOMER"));
        String patient = TestData.unique("MVP");
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Cossa"));
        a.change("name_store_join", patient + "-A", OpenMSupplySite.nameStoreJoin(patient + "-A", patient, storeA));
        a.sync(500);

        String nameC = TestData.unique("OmsC");
        site(nameC, data.count("SELECT id FROM store WHERE code = ?", storeA)); // the store moves to C
        OpenMSupplySite c = new OpenMSupplySite(nameC, PASSWORD);
        c.sync(500);
        assertEquals(List.of(storeA), c.activeStores());
        assertNotNull(c.got(invoice));
        assertNotNull(c.got(invoice + "-L1"), "a line, though it names no store");
        assertEquals("Cossa", c.got(patient).getString("last"), "the patients the store sees");
        assertNotNull(c.got(patient + "-A"));
    }

    /**
     * A site pulled a patient's record, then the store through which it saw the patient left it, the patient was
     * changed (queued for the store's new site only), and the store came back: the site receives the patient as they
     * are now, even when it acknowledges the pull of before only after the store came back (the store's patients are
     * queued again, not left as the entry it pulled had them).
     */
    @Test
    void aPatientChangedWhileTheirStoreWasAwayReachesTheSiteTheStoreComesBackToThoughAnOldPullIsAcknowledgedLate() {
        String patient = TestData.unique("BKP");
        madeAtAAndFetchedByB(patient, "Sitoe");
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Sitoe Mabota"));
        a.sync(500);
        String ids = pullWithoutAcknowledging(b, "Sitoe Mabota");

        long storeBId = data.count("SELECT id FROM store WHERE code = ?", storeB);
        String nameC = TestData.unique("OmsC");
        site(nameC, storeBId); // the store moves to C
        OpenMSupplySite c = new OpenMSupplySite(nameC, PASSWORD);
        c.sync(500);
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Sitoe Cumbe"));
        a.sync(500);
        c.sync(500);
        assertEquals("Sitoe Cumbe", c.got(patient).getString("last"), "the store's new site is a viewer");
        addStore(siteB, storeBId); // and back to B, before B acknowledges what it pulled
        Eventually.await(
                "the store's records queued for B again",
                Duration.ofSeconds(30),
                () -> data.count(
                        "SELECT COUNT(*) FROM resync_job WHERE site_id = ? AND state IN ('REQUESTED', 'RUNNING')",
                        siteB),
                running -> running == 0);

        acknowledge(b, ids);
        b.sync(500);
        assertEquals("Sitoe Cumbe", b.got(patient).getString("last"));
    }

    /**
     * A site that saw a patient once, lost the store through which it did, and then joins one of its new stores to the
     * patient (open-mSupply keeps the patient's name record) receives the patient as they are now: the edits made
     * while none of its stores saw them included.
     */
    @Test
    void aSiteJoiningItsStoreToAPatientItSawBeforeReceivesTheEditsItMissedMeanwhile() {
        String patient = TestData.unique("RJP");
        madeAtAAndFetchedByB(patient, "Nhantumbo");
        assertEquals("Nhantumbo", b.got(patient).getString("last"));

        site(TestData.unique("OmsC"), data.count("SELECT id FROM store WHERE code = ?", storeB)); // B's store leaves
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Nhantumbo Sitoe"));
        a.sync(500);
        String another = TestData.unique("OB2");
        addStore(siteB, admin.createStore(another, "Another store of B"));
        b.sync(500);
        assertEquals("Nhantumbo", b.got(patient).getString("last"), "none of B's stores saw the patient meanwhile");

        b.change("name_store_join", patient + "-B2", OpenMSupplySite.nameStoreJoin(patient + "-B2", patient, another));
        b.sync(500);
        assertEquals("Nhantumbo Sitoe", b.got(patient).getString("last"));
    }

    /**
     * A join pushed before its patient, in one push, for a store that moved to another site before the integration and
     * whose move is done: the new site receives the patient (open-mSupply pushes in its change log's order, which may
     * put the join first).
     */
    @Test
    void aPatientPushedAfterItsJoinReachesTheSiteTheStoreMovedToMeanwhile() {
        String patient = TestData.unique("JFP");
        String first = "["
                + pushed(
                        "name_store_join",
                        patient + "-A",
                        OpenMSupplySite.nameStoreJoin(patient + "-A", patient, storeA))
                + "," + pushed("name", patient, OpenMSupplySite.patient(patient, storeA, "Langa")) + "]";
        assertEquals(
                200,
                a.remote()
                        .post("queued_records", "{\"queueLength\":1,\"data\":" + first + "}")
                        .statusCode());
        String nameC = TestData.unique("OmsC");
        site(nameC, data.count("SELECT id FROM store WHERE code = ?", storeA)); // the store moves before integration
        OpenMSupplySite c = new OpenMSupplySite(nameC, PASSWORD);
        c.sync(500); // its move is done: C holds the store
        assertNull(c.got(patient), "not integrated yet");
        endPushAndAwaitItsIntegration();
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteA), "nothing set aside");

        c.sync(500);
        assertEquals("Langa", c.got(patient).getString("last"), "the patient its store sees");
        assertNotNull(c.got(patient + "-A"), "and the join");
    }

    /**
     * The initialisation preview counts what a site then pulls: before a store is added to a site, what adding it
     * brings (its records, the patients it sees); before the site's device initialises, that and the central data.
     */
    @Test
    void theInitialisationPreviewCountsWhatTheSiteThenPulls() {
        String patient = TestData.unique("IPP");
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, "Sitoe"));
        a.change("name_store_join", patient + "-A", OpenMSupplySite.nameStoreJoin(patient + "-A", patient, storeA));
        a.sync(500);
        long idA = data.count("SELECT id FROM store WHERE code = ?", storeA);
        admin.call(
                "POST",
                "/demo/api/stores/" + idA + "/generated-records",
                "{\"storeRecords\":700,\"storeSpecificCentralRecords\":30}");
        String nameC = TestData.unique("OmsPreview");
        long siteC = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(nameC, 5, null))
                .body());

        JsonObject adding = preview(siteC, "?addingStores=" + idA + "&kbps=2000");
        JsonObject store = part(adding, "STORE");
        assertEquals(storeA, store.getString("storeCode"));
        assertEquals(
                data.count("SELECT COUNT(*) FROM store_record WHERE store_id = ?", idA)
                        + data.count("SELECT COUNT(*) FROM master_record WHERE store_id = ?", idA),
                store.getJsonNumber("records").longValue());
        assertTrue(store.getJsonNumber("records").longValue() >= 731, "generated, and the join: " + store);
        assertTrue(part(adding, "PATIENTS").getJsonNumber("records").longValue() >= 1, "the patient its store sees");
        assertNull(part(adding, "CENTRAL"), "the site has the central data already");
        assertEquals(3, adding.getJsonArray("timings").size(), "2G, 3G and the link chosen");
        assertTrue(adding.getJsonNumber("compressedBytes").longValue()
                < adding.getJsonNumber("bytes").longValue());

        addStore(siteC, idA);
        JsonObject whole = preview(siteC, "");
        long central = part(whole, "CENTRAL").getJsonNumber("records").longValue();
        assertEquals(
                adding.getJsonNumber("records").longValue(),
                whole.getJsonNumber("records").longValue() - central,
                "the store and its patients, counted alike before and after it was added");

        // the site's device initialises and pulls everything
        RemoteSite c = new RemoteSite(nameC, "api-password-1", TestData.unique("hw-preview"));
        assertEquals(200, c.post("initialise", "{}").statusCode());
        Eventually.await(
                "site_status idle",
                Duration.ofSeconds(60),
                () -> c.get("site_status").body(),
                status -> status.contains("\"idle\""));
        long pulledCentral = 0;
        for (long cursor = 0; ; ) {
            var batch = Json.createReader(new StringReader(c.get("central_records?cursor=" + cursor + "&limit=500")
                            .body()))
                    .readObject()
                    .getJsonArray("data");
            if (batch.isEmpty()) {
                break;
            }
            pulledCentral += batch.size();
            cursor = batch.getJsonObject(batch.size() - 1).getJsonNumber("ID").longValue();
        }
        long pulledQueue = 0;
        while (true) {
            var batch = Json.createReader(
                            new StringReader(c.get("queued_records?limit=500").body()))
                    .readObject()
                    .getJsonArray("data");
            if (batch.isEmpty()) {
                break;
            }
            pulledQueue += batch.size();
            var ack = Json.createArrayBuilder();
            batch.forEach(record -> ack.add(record.asJsonObject().getString("syncOutId")));
            assertEquals(
                    2,
                    c.post(
                                            "acknowledged_records",
                                            Json.createObjectBuilder()
                                                    .add("syncIDs", ack)
                                                    .build()
                                                    .toString())
                                    .statusCode()
                            / 100);
        }
        assertEquals(central, pulledCentral, "the central data");
        assertEquals(whole.getJsonNumber("records").longValue() - central, pulledQueue, "the store and its patients");
    }

    private JsonObject preview(long siteId, String query) {
        HttpResponse<String> answer =
                admin.call("GET", "/api/admin/sites/" + siteId + "/initialisation-preview" + query, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private static JsonObject part(JsonObject preview, String kind) {
        return preview.getJsonArray("parts").getValuesAs(JsonObject.class).stream()
                .filter(part -> part.getString("kind").equals(kind))
                .findFirst()
                .orElse(null);
    }

    /** A store added to a site that is initialised is resynced while the site syncs as usual: no second initialisation. */
    @Test
    void anInitialisedSiteGivenAnotherStoreIsNotToldItIsInitialisingAgain() {
        String more = TestData.unique("OM");
        long storeId = admin.createStore(more, "Another store of A");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":20000}");
        addStore(siteA, storeId);
        String status = a.remote().get("site_status").body();
        assertTrue(status.contains("\"idle\""), status);
        assertTrue(a.remote().get("site").body().contains("\"initialisationStatus\":\"completed\""));
    }

    /** An admin loads items and units from files: checked line by line first, then taken and pulled by every site. */
    @Test
    void masterDataLoadedFromFilesIsCheckedLineByLineThenReachesEverySiteInOpenMSupplysTypes() {
        String unit = TestData.unique("U");
        String item = TestData.unique("IT");
        HttpResponse<String> units = admin.postCsv(
                "/api/admin/master-data/unit?apply=true", "ID,units,comment,order_number\n" + unit + ",Tablet,,1\n");
        assertEquals(200, units.statusCode(), units.body());
        String good = "{\"ID\":\"" + item + "\",\"code\":\"PARA500\",\"item_name\":\"Paracetamol 500mg\","
                + "\"type_of\":\"general\",\"default_pack_size\":100,\"is_vaccine\":false,\"VEN_category\":\"E\","
                + "\"doses\":0,\"volume_per_pack\":0,\"unit_ID\":\"" + unit + "\",\"strength\":null,"
                + "\"category_ID\":null,\"restricted_location_type_ID\":null,\"universalcodes_code\":\"\"}";
        String bad = "{\"ID\":\"" + item + "-BAD\",\"code\":\"X\",\"item_name\":\"X\",\"type_of\":\"drug\","
                + "\"default_pack_size\":1,\"is_vaccine\":0,\"VEN_category\":\"\",\"doses\":1.0,\"volume_per_pack\":0}";
        HttpResponse<String> checked =
                admin.post("/api/admin/master-data/item", good + "\n" + bad, "application/x-ndjson");
        assertEquals(200, checked.statusCode(), checked.body());
        assertTrue(
                checked.body().contains("\"line\":2")
                        && checked.body().contains("type_of")
                        && checked.body().contains("is_vaccine")
                        && checked.body().contains("doses")
                        && checked.body().contains("unit_ID: missing"),
                checked.body());
        assertEquals(
                400,
                admin.post("/api/admin/master-data/item?apply=true", good + "\n" + bad, "application/x-ndjson")
                        .statusCode(),
                "all or nothing");
        assertEquals(0, data.count("SELECT COUNT(*) FROM master_record WHERE record_id = ?", item));
        HttpResponse<String> taken = admin.post("/api/admin/master-data/item?apply=true", good, "application/x-ndjson");
        assertEquals(200, taken.statusCode(), taken.body());

        a.sync(500);
        assertEquals("Paracetamol 500mg", a.got(item).getString("item_name"));
        assertEquals(1, a.got(unit).getJsonNumber("order_number").intValue());
        assertTrue(a.got(unit).getJsonNumber("order_number").isIntegral(), "an int, as open-mSupply reads it");
        assertTrue(admin.get("/api/admin/master-data/item", "application/x-ndjson")
                .body()
                .contains(item));
        assertTrue(admin.call("GET", "/api/admin/master-data", null).body().contains("\"name\":\"item\""));
    }

    /**
     * The open-mSupply central server checks a site's credentials with a GET site in the middle of the site's cycle: it
     * joins the cycle's session; a GET site that nothing follows is shown as a check, not as an interrupted sync.
     */
    @Test
    void aCredentialCheckOpensNoSessionOfItsOwn() {
        long sessions = data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ?", siteA);
        a.remote().get("site");
        a.remote().get("site_status");
        a.remote().get("site"); // the open-mSupply central replaying A's credentials
        assertEquals(sessions + 1, data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ?", siteA));
        assertEquals(
                3, data.count("SELECT requests FROM sync_session WHERE site_id = ? ORDER BY id DESC LIMIT 1", siteA));

        data.update(
                "UPDATE sync_session SET last_request_at = last_request_at - INTERVAL '20' MINUTE WHERE site_id = ?",
                siteA);
        a.remote().get("site"); // a check long after: a session of its own, which nothing follows
        data.update(
                "UPDATE sync_session SET last_request_at = last_request_at - INTERVAL '20' MINUTE WHERE site_id = ?",
                siteA);
        String history = admin.call("GET", "/api/admin/sites/" + siteA + "/history?limit=2", null)
                .body();
        assertTrue(
                history.indexOf("\"CHECKED\"") >= 0
                        && history.indexOf("\"CHECKED\"") < history.indexOf("\"INTERRUPTED\""),
                history);
    }

    /**
     * A cycle cut short (the link dropped after a pull) and the site's next one two minutes later: the first is shown
     * as interrupted at once, not as running until ten minutes have passed.
     */
    @Test
    void aCycleCutShortIsEndedByTheSitesNextOne() {
        long idA = data.count("SELECT id FROM store WHERE code = ?", storeA);
        admin.call("POST", "/demo/api/stores/" + idA + "/generated-records", "{\"storeRecords\":20}");
        a.remote().get("site");
        a.remote().get("queued_records?limit=10"); // 10 of 20: then the link drops
        data.update(
                "UPDATE sync_session SET last_request_at = last_request_at - INTERVAL '2' MINUTE WHERE site_id = ?",
                siteA);
        a.sync(500);
        String history = admin.call("GET", "/api/admin/sites/" + siteA + "/history?limit=2", null)
                .body();
        assertTrue(
                history.indexOf("\"SUCCEEDED\"") >= 0
                        && history.indexOf("\"SUCCEEDED\"") < history.indexOf("\"INTERRUPTED\"")
                        && !history.contains("\"RUNNING\""),
                history);
    }

    /** open-mSupply sites sync while no site is the open-mSupply central: the dashboard says so, and what to do. */
    @Test
    void theDashboardWarnsWhenOpenMSupplySitesSyncWithoutAnOpenMSupplyCentral() {
        data.update("UPDATE site SET oms_central = FALSE");
        long warned = Json.createReader(new StringReader(
                        admin.call("GET", "/api/admin/network", null).body()))
                .readObject()
                .getJsonNumber("openMSupplySitesWithoutTheirCentral")
                .longValue();
        assertTrue(warned >= 2, "A and B call in as Open mSupply Desktop: " + warned);
        data.update("UPDATE site SET oms_central = TRUE WHERE id = ?", siteA);
        try {
            assertTrue(admin.call("GET", "/api/admin/network", null)
                    .body()
                    .contains("\"openMSupplySitesWithoutTheirCentral\":0"));
        } finally {
            data.update("UPDATE site SET oms_central = FALSE");
        }
    }

    /**
     * A site moved from a legacy central keeps the identity its device knows, or open-mSupply refuses the new central
     * (SITE_UUID_IS_BEING_CHANGED), and finds its stores by that site ID.
     */
    @Test
    void aSiteMovedFromALegacyCentralKeepsItsIdentityAndItsStores() {
        int legacy = 2_000_000 + new Random().nextInt(1_000_000);
        HttpResponse<String> set = admin.call(
                "PUT",
                "/api/admin/sites/" + siteA + "/legacy-identity",
                "{\"id\":\"A1B2C3D4E5F60718293A4B5C6D7E8F90\",\"siteId\":" + legacy + "}");
        assertEquals(200, set.statusCode(), set.body());
        JsonObject site = Json.createReader(
                        new StringReader(a.remote().get("site").body()))
                .readObject();
        assertEquals("A1B2C3D4E5F60718293A4B5C6D7E8F90", site.getString("id"));
        assertEquals(legacy, site.getJsonNumber("siteId").longValue());
        a.sync(500);
        assertEquals(List.of(storeA), a.activeStores(), "its store, by the legacy site ID");
        b.sync(500);
        assertEquals(legacy, b.got(storeA).getJsonNumber("sync_id_remote_site").longValue(), "every site learns it");

        assertEquals(
                400,
                admin.call(
                                "PUT",
                                "/api/admin/sites/"
                                        + data.count("SELECT id FROM site WHERE name_key = ?", bName.toLowerCase())
                                        + "/legacy-identity",
                                "{\"id\":null,\"siteId\":" + legacy + "}")
                        .statusCode(),
                "one site number, one site");
        long next = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("After"), 5, null))
                .body());
        assertTrue(next > legacy, "a new site is never given a legacy site's number: " + next);
    }

    /**
     * A store moved from a legacy central keeps the IDs its site's data names it by (a 32-character store ID and its
     * name record's ID), given with the store import; the site's identity comes with the site import.
     */
    @Test
    void aLegacyCentralsStoreAndSiteIdentitiesComeWithTheImportsAndTheSitesDataNamesTheStoreByThem() {
        String legacyStore =
                ("A" + TestData.unique("").replaceAll("[^A-Za-z0-9]", "") + "0".repeat(32)).substring(0, 32);
        String legacyName = "N" + legacyStore.substring(1);
        HttpResponse<String> stores = admin.postCsv(
                "/api/admin/stores/import?apply=true",
                "code,legacy_id,legacy_name_id\n" + storeA + "," + legacyStore + "," + legacyName + "\n");
        assertEquals(200, stores.statusCode(), stores.body());
        a.sync(500);
        b.sync(500);
        assertEquals(List.of(legacyStore), a.activeStores(), "its store, by the legacy ID, and no other");
        assertEquals(storeA, a.got(legacyStore).getString("code"));
        assertEquals(legacyName, a.got(legacyStore).getString("name_ID"));
        assertNotNull(a.got(legacyName), "the store's name record, by its legacy ID");
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, b.got(storeA), "the record of its old ID is withdrawn everywhere");

        // the site's data names the store by its legacy ID: taken, and a transfer to it reaches it
        String invoice = TestData.unique("LINV");
        a.change("trans_line", invoice + "-L1", OpenMSupplySite.invoiceLine(invoice + "-L1", invoice));
        a.change("transact", invoice, OpenMSupplySite.invoice(invoice, legacyStore, "NAME-OF-A-CUSTOMER"));
        String transfer = TestData.unique("LTR");
        b.change("transact", transfer, OpenMSupplySite.invoice(transfer, storeB, legacyName));
        a.sync(500);
        b.sync(500);
        a.sync(500);
        assertEquals(
                2,
                data.count(
                        "SELECT COUNT(*) FROM store_record r JOIN store st ON st.id = r.store_id "
                                + "WHERE st.code = ? AND r.record_id LIKE ?",
                        storeA,
                        invoice + "%"),
                "the invoice and its line");
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteA), "nothing set aside");
        assertNotNull(a.got(transfer), "a transfer to the store's legacy name");

        // the site's own identity, with the site import
        int legacySite = 3_000_000 + new Random().nextInt(1_000_000);
        HttpResponse<String> sites = admin.postCsv(
                "/api/admin/sites/import?apply=true",
                "id,legacy_id,legacy_site_id\n" + siteA + ",B1B2C3D4E5F60718293A4B5C6D7E8F90," + legacySite + "\n");
        assertEquals(200, sites.statusCode(), sites.body());
        JsonObject site = Json.createReader(
                        new StringReader(a.remote().get("site").body()))
                .readObject();
        assertEquals("B1B2C3D4E5F60718293A4B5C6D7E8F90", site.getString("id"));
        assertEquals(legacySite, site.getJsonNumber("siteId").longValue());
        a.sync(500);
        assertEquals(List.of(legacyStore), a.activeStores(), "its store, by both legacy IDs");
        HttpResponse<String> twice = admin.postCsv(
                "/api/admin/sites/import", "name,legacy_site_id\n" + TestData.unique("New") + "," + legacySite + "\n");
        assertTrue(
                twice.body().contains(String.valueOf(legacySite)), "one legacy site number, one site: " + twice.body());
    }

    @Test
    void aPullIsCompressedForASiteThatAsksForIt() throws Exception {
        HttpResponse<byte[]> pulled = HttpClient.newHttpClient()
                .send(
                        withGzip(a.remote().getRequest("central_records?cursor=0&limit=500")),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pulled.statusCode());
        assertEquals("gzip", pulled.headers().firstValue("Content-Encoding").orElse(""));
        String json = new String(
                new GZIPInputStream(new ByteArrayInputStream(pulled.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"maxCursor\":"), json.substring(0, Math.min(80, json.length())));
    }

    private static HttpRequest withGzip(HttpRequest request) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri()).GET();
        request.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
        return copy.header("Accept-Encoding", "gzip").build();
    }

    /** A patient made at A's store, then fetched by B for its store (open-mSupply's "fetch patient"), synced by both. */
    private void madeAtAAndFetchedByB(String patient, String lastName) {
        a.change("name", patient, OpenMSupplySite.patient(patient, storeA, lastName));
        a.change("name_store_join", patient + "-A", OpenMSupplySite.nameStoreJoin(patient + "-A", patient, storeA));
        a.sync(500);
        HttpResponse<String> linked = b.remote()
                .postToApiV4("name_store_join", "{\"name_ID\":\"" + patient + "\",\"store_ID\":\"" + storeB + "\"}");
        assertEquals(200, linked.statusCode(), linked.body());
        b.sync(500);
    }

    /** The site pulls its queue, holding what it must contain, and does not acknowledge it yet. @return the IDs */
    private static String pullWithoutAcknowledging(OpenMSupplySite site, String holding) {
        HttpResponse<String> pulled = site.remote().get("queued_records?limit=500");
        assertEquals(200, pulled.statusCode(), pulled.body());
        assertTrue(pulled.body().contains(holding), "pulled: " + pulled.body());
        return Json.createReader(new StringReader(pulled.body()))
                .readObject()
                .getJsonArray("data")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(r -> "\"" + r.getString("syncOutId") + "\"")
                .collect(Collectors.joining(","));
    }

    private static void acknowledge(OpenMSupplySite site, String ids) {
        HttpResponse<String> acknowledged = site.remote().post("acknowledged_records", "{\"syncIDs\":[" + ids + "]}");
        assertEquals(2, acknowledged.statusCode() / 100, acknowledged.body());
    }

    /** Adds the store to the site, as an admin does in the site window (it leaves the site it was on). */
    private void addStore(long siteId, long storeId) {
        JsonObject details = Json.createReader(new StringReader(
                        admin.call("GET", "/api/admin/sites/" + siteId, null).body()))
                .readObject();
        HttpResponse<String> saved = admin.call(
                "PUT",
                "/api/admin/sites/" + siteId,
                "{\"expectedVersion\":" + details.getJsonNumber("version").longValue() + ",\"settings\":"
                        + details.getJsonObject("settings") + ",\"storesToAdd\":[" + storeId + "]}");
        assertEquals(200, saved.statusCode(), saved.body());
    }

    private long site(String name, long storeId) {
        return admin.createSite(name, PASSWORD, storeId);
    }
}
