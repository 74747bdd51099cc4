package org.syncsites.it.omsdata;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.TestData;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two open-mSupply sites, each with a store, sync with the central as open-mSupply does ({@link OpenMSupplySite}): what
 * each pushes is taken and reaches exactly the sites the legacy tables' rules say (docs/open-msupply-data.md), and
 * what they pull has the shapes open-mSupply integrates.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenMSupplyDataIT {

    private static final String PASSWORD = "oms-password-1";

    @Deployment(testable = false)
    static EnterpriseArchive application() {
        return Deployments.application();
    }

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();
    private String storeA;
    private String storeB;
    private long siteA;
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
        siteA = site(nameA, idA);
        site(nameB, idB);
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

        assertEquals(3, data.count("SELECT COUNT(*) FROM store_record r JOIN store st ON st.id = r.store_id "
                + "WHERE st.code = ? AND r.record_id LIKE ?", storeA, invoice + "%"), "the invoice and its lines");
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteA), "nothing set aside");
        assertNull(b.got(invoice), "no transfer: nothing for B");
    }

    @Test
    void aStocktakeLinePushedBeforeItsStocktakeWaitsForItAndIsTakenWithIt() {
        String stocktake = TestData.unique("ST");
        a.change("Stock_take_lines", stocktake + "-L1", OpenMSupplySite.stocktakeLine(stocktake + "-L1", stocktake));
        a.sync(500);
        String report = admin.call("GET", "/api/admin/sites/" + siteA + "/integration-failure", null).body();
        assertTrue(report.contains("Waiting for its parent") && report.contains("stock_take_ID"), report);

        a.change("Stock_take", stocktake, OpenMSupplySite.stocktake(stocktake, storeA));
        a.sync(500);
        assertEquals(2, data.count("SELECT COUNT(*) FROM store_record WHERE record_id LIKE ?", stocktake + "%"));
        assertEquals(204, admin.call("GET", "/api/admin/sites/" + siteA + "/integration-failure", null).statusCode(),
                "nothing set aside any more");
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
        b.change("message", message, jakarta.json.Json.createObjectBuilder(b.got(message)).add("status", "processed")
                .build());
        b.sync(500);
        a.sync(500);
        assertEquals("processed", a.got(message).getString("status"));
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

        // B fetches the patient from the central: its store is made a viewer, the patient's data comes at its next sync
        String asked = "{\"name_ID\":\"" + patient + "\",\"store_ID\":\"" + storeB + "\"}";
        HttpResponse<String> linked = b.remote().postToApiV4("name_store_join", asked);
        assertEquals(200, linked.statusCode(), linked.body());
        JsonObject join = jakarta.json.Json.createReader(new java.io.StringReader(linked.body())).readObject();
        assertEquals(patient, join.getString("name_ID"));
        assertEquals(storeB, join.getString("store_ID"));
        assertEquals(false, join.getBoolean("inactive"));
        HttpResponse<String> again = b.remote().postToApiV4("name_store_join", asked);
        assertTrue(again.body().contains(join.getString("ID")), "sent again (open-mSupply retries): the same join");
        assertEquals(401, b.remote().withPassword("wrong").postToApiV4("name_store_join", asked).statusCode());
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

    @Test
    void aPullIsCompressedForASiteThatAsksForIt() throws Exception {
        HttpResponse<byte[]> pulled = HttpClient.newHttpClient().send(withGzip(a.remote().getRequest(
                "central_records?cursor=0&limit=500")), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pulled.statusCode());
        assertEquals("gzip", pulled.headers().firstValue("Content-Encoding").orElse(""));
        String json = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(pulled.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"maxCursor\":"), json.substring(0, Math.min(80, json.length())));
    }

    private static HttpRequest withGzip(HttpRequest request) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri()).GET();
        request.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
        return copy.header("Accept-Encoding", "gzip").build();
    }

    private long site(String name, long storeId) {
        return AdminApi.id(admin.call("POST", "/api/admin/sites", "{\"settings\":{\"code\":\"\",\"name\":\"" + name
                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                + PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}").body());
    }
}
