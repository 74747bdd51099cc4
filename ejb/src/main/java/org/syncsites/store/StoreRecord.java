package org.syncsites.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A record of a store's data (a transaction, a transaction line...): what a store's users enter on the site the
 * store is active on. {@code data} is the record's JSON. Bulk work on these rows is done in SQL, set-based.
 */
@Entity
@Table(name = "store_record")
public class StoreRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id")
    private long storeId;

    @Column(name = "table_name")
    private String tableName;

    @Column(name = "record_id")
    private String recordId;

    private String data;

    @Column(name = "changed_at")
    private Instant changedAt;

    private boolean deleted;

    protected StoreRecord() {
    }

    public StoreRecord(long storeId, String tableName, String recordId, String data, Instant changedAt) {
        this.storeId = storeId;
        this.tableName = tableName;
        this.recordId = recordId;
        this.data = data;
        this.changedAt = changedAt;
    }

    public Long getId() {
        return id;
    }

    public long getStoreId() {
        return storeId;
    }

    public String getTableName() {
        return tableName;
    }

    public String getRecordId() {
        return recordId;
    }

    public String getData() {
        return data;
    }

    public boolean isDeleted() {
        return deleted;
    }
}
