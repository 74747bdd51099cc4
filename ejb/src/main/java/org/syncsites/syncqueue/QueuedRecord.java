package org.syncsites.syncqueue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An entry of a site's outgoing sync queue: names a record to send to that site. The record's current
 * content is read when the site pulls. A record is queued at most once per site (unique constraint).
 * Whoever inserts or deletes entries adjusts {@code site.queue_length} in the same transaction
 * ({@link SyncQueueLength}).
 */
@Entity
@Table(name = "sync_out")
public class QueuedRecord {

    /** Where the queued record lives. */
    public static final String FROM_STORE_DATA = "store";
    public static final String FROM_MASTER_DATA = "master";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "site_id")
    private long siteId;

    private String source;

    @Column(name = "table_name")
    private String tableName;

    @Column(name = "record_id")
    private String recordId;

    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "queued_at")
    private Instant queuedAt;

    protected QueuedRecord() {
    }

    public Long getId() {
        return id;
    }

    public long getSiteId() {
        return siteId;
    }

    public String getSource() {
        return source;
    }

    public String getTableName() {
        return tableName;
    }

    public String getRecordId() {
        return recordId;
    }

    public Long getStoreId() {
        return storeId;
    }
}
