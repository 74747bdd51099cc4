package org.syncsites.legacytables;

/**
 * What a pushed record says of where it belongs, read from its fields by {@link LegacyTables#links}: its kind, the
 * store it names itself (null when it names none), the parent that holds its store (a line's invoice), the other party
 * (the name of a transfer's other store, or a message's other store), and the patient whose data it is or whom it makes
 * visible. Each value is null when the record has none.
 *
 * @param kind           whose data it is
 * @param storeCode      the store ID the record names itself
 * @param storeField     the field that names it, for messages to an admin
 * @param otherStoreCode a second store the record names (a message's other end): the record belongs to whichever of
 *                       the two is the pushing site's
 * @param parentTable    the parent's table
 * @param parentId       the parent's ID
 * @param parentField    the field that names the parent
 * @param partyName      the name ID of a transfer's other party
 * @param patientId      the patient
 * @param missingStore   a store's record that names neither store nor parent: the fields it lacks (else null)
 */
public record RecordLinks(
        DataKind kind,
        String storeCode,
        String storeField,
        String otherStoreCode,
        String parentTable,
        String parentId,
        String parentField,
        String partyName,
        String patientId,
        String missingStore) {

    /** A record whose store is found through its parent (it names none itself). */
    public boolean needsParent() {
        return storeCode == null && otherStoreCode == null && parentId != null;
    }
}
