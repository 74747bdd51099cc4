package org.syncsites.legacytables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How open-mSupply's pushed records find their store, parent, other party and patient. */
class LegacyTablesTest {

    @Test
    void anInvoiceLineNamesNoStoreButItsInvoice() {
        RecordLinks line = LegacyTables.links("trans_line", object("ID", "L1", "transaction_ID", "INV1"));
        assertEquals(DataKind.STORE, line.kind());
        assertTrue(line.needsParent());
        assertEquals("transact", line.parentTable());
        assertEquals("INV1", line.parentId());
        assertNull(line.missingStore());
    }

    @Test
    void aLineThatNamesItsStoreItselfBelongsToIt() {
        RecordLinks line = LegacyTables.links("trans_line", object("ID", "L1", "store_ID", "A"));
        assertEquals("A", line.storeCode());
        assertTrue(!line.needsParent());
    }

    @Test
    void aStocktakeLineAndARequisitionLineFindTheirParents() {
        assertEquals(
                "Stock_take",
                LegacyTables.links("Stock_take_lines", object("stock_take_ID", "S"))
                        .parentTable());
        assertEquals(
                "requisition",
                LegacyTables.links("requisition_line", object("requisition_ID", "R"))
                        .parentTable());
    }

    @Test
    void aTransferNamesItsOtherPartyAndASensorItsStoreInCamelCase() {
        RecordLinks invoice = LegacyTables.links("transact", object("store_ID", "A", "name_ID", "NAME_B"));
        assertEquals("A", invoice.storeCode());
        assertEquals("NAME_B", invoice.partyName());
        assertEquals("A", LegacyTables.links("sensor", object("storeID", "A")).storeCode());
    }

    @Test
    void aMessageBelongsToEitherEnd() {
        RecordLinks message = LegacyTables.links("message", object("fromStoreID", "A", "toStoreID", "B"));
        assertEquals("A", message.storeCode());
        assertEquals("B", message.otherStoreCode());
        RecordLinks fromNobody = LegacyTables.links(
                "message",
                Json.createObjectBuilder()
                        .addNull("fromStoreID")
                        .add("toStoreID", "B")
                        .build());
        assertNull(fromNobody.storeCode());
        assertEquals("B", fromNobody.otherStoreCode());
    }

    @Test
    void patientsAndTheirDataBelongToNoStoreWhileOtherNamesAreCentralData() {
        RecordLinks patient = LegacyTables.links("name", object("ID", "P1", "type", "patient"));
        assertEquals(DataKind.PATIENT, patient.kind());
        assertEquals("P1", patient.patientId());
        assertEquals(
                DataKind.CENTRAL,
                LegacyTables.links("name", object("ID", "F1", "type", "facility"))
                        .kind());
        assertEquals(
                "P1",
                LegacyTables.links("om_document", object("owner_name_ID", "P1")).patientId());
        assertEquals(
                "P1",
                LegacyTables.links("nameInsuranceJoin", object("nameID", "P1")).patientId());
        assertEquals(
                "P1",
                LegacyTables.links("name_store_join", object("name_ID", "P1", "store_ID", "A"))
                        .patientId());
    }

    @Test
    void barcodesAreEverySitesAndItemsTheCentrals() {
        assertEquals(
                DataKind.SHARED,
                LegacyTables.links("barcode", object("ID", "B")).kind());
        assertEquals(
                DataKind.SHARED,
                LegacyTables.links("clinician", object("ID", "C")).kind());
        assertEquals(
                DataKind.CENTRAL, LegacyTables.links("item", object("ID", "I")).kind());
    }

    @Test
    void aStoresRecordThatNamesNoStoreSaysWhichFieldItLacks() {
        assertEquals(
                "store_ID", LegacyTables.links("Location", object("ID", "L")).missingStore());
        assertEquals(
                "store_ID or transaction_ID",
                LegacyTables.links("trans_line", object("ID", "L", "transaction_ID", ""))
                        .missingStore());
        assertEquals(
                "fromStoreID or toStoreID",
                LegacyTables.links("message", object("ID", "M")).missingStore());
    }

    @Test
    void aDeleteSaysOnlyItsKind() {
        RecordLinks delete = LegacyTables.links("trans_line", null);
        assertEquals(DataKind.STORE, delete.kind());
        assertNull(delete.parentId());
        assertNull(delete.missingStore());
    }

    private static JsonObject object(String... keysAndValues) {
        var object = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return object.build();
    }
}
