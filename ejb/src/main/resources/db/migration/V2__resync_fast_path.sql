-- Whether the site's queue already held data of the store when the resync started. When it did not, chunks
-- are inserted without looking for records already queued (the queue's unique constraint still refuses a
-- duplicate, and a retried chunk takes the careful path).
ALTER TABLE resync_job ADD COLUMN target_had_store_data BOOLEAN DEFAULT TRUE NOT NULL;
