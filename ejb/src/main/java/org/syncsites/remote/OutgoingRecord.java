package org.syncsites.remote;

/** A record this site pushes: {@code serial} is its local change number (the push cursor); data null on delete. */
public record OutgoingRecord(long serial, String tableName, String recordId, boolean deleted, String recordData) {
}
