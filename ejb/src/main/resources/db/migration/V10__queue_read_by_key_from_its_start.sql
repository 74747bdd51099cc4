-- Each queue entry also names its record by primary key (store_record.id or master_record.id, as source says), so
-- that a pull reads a batch as one range scan of the site's queue plus one primary-key probe per record, a plan
-- the database keeps at any size (joining on table name and record ID let PostgreSQL switch to hashing the whole
-- record table). Records are never removed or re-keyed (deletes are flagged), so the key stays valid; entries
-- whose record cannot be found keep a NULL and are sent as deletes, as before.
ALTER TABLE sync_out ADD COLUMN record_ref BIGINT;
UPDATE sync_out SET record_ref = (SELECT s.id FROM store_record s WHERE s.table_name = sync_out.table_name
    AND s.record_id = sync_out.record_id) WHERE source = 'store';
UPDATE sync_out SET record_ref = (SELECT m.id FROM master_record m WHERE m.table_name = sync_out.table_name
    AND m.record_id = sync_out.record_id) WHERE source = 'master';

-- Where each site's queue starts: no entry of the site has a lower ID (entries are removed from the front, and
-- new ones get higher IDs). A pull scans from here, not over the remains of the entries removed before it, which
-- PostgreSQL keeps in the index until it vacuums (after a million-record pull, 16 ms per empty pull).
ALTER TABLE site ADD COLUMN queue_start BIGINT DEFAULT 0 NOT NULL;
