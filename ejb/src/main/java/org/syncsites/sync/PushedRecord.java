package org.syncsites.sync;

import java.io.Serializable;

/** A record a remote site pushes: {@code action} is update (insert is the same) or delete. */
public record PushedRecord(String syncOutId, String tableName, String recordId, String action, String storeCode,
                           String recordData) implements Serializable {
}
