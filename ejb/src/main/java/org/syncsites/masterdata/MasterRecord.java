package org.syncsites.masterdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Master data owned by the central server (items, names...). Global master data ({@code storeId} null) reaches
 * every site through the central change log, ordered by {@code changeSerial}; data specific to one store
 * travels with that store when it is resynchronised to a site.
 */
@Entity
@Table(name = "master_record")
public class MasterRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "table_name")
    private String tableName;

    @Column(name = "record_id")
    private String recordId;

    private String data;

    @Column(name = "change_serial")
    private long changeSerial;

    @Column(name = "changed_at")
    private Instant changedAt;

    private boolean deleted;

    protected MasterRecord() {
    }

    public Long getId() {
        return id;
    }

    public Long getStoreId() {
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

    public long getChangeSerial() {
        return changeSerial;
    }

    public boolean isDeleted() {
        return deleted;
    }
}
