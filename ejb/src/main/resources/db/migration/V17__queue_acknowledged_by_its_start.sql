-- A site acknowledges what it pulled by moving its queue's start (site.queue_start) past it: one row updated
-- instead of thousands of entries deleted while the site waits for the answer. The acknowledged entries stay in
-- sync_out, never read again, until they are reclaimed in bulk (SiteQueue.reclaim): by a timer, and by anything
-- that adds to or drops from the site's queue, first. Every entry below queue_reclaimed is gone from the table;
-- those between queue_reclaimed and queue_start are acknowledged and wait to be reclaimed.
ALTER TABLE site ADD COLUMN queue_reclaimed BIGINT DEFAULT 0 NOT NULL;
UPDATE site SET queue_reclaimed = queue_start;

-- What waits in each site's queue: its entries from its start on. The one definition, for every reader that
-- counts or lists a queue (and the tests' checks); a pull reads the range itself.
CREATE VIEW sync_queue AS
    SELECT q.id, q.site_id, q.source, q.table_name, q.record_id, q.record_ref, q.store_id, q.queued_at
    FROM sync_out q JOIN site s ON s.id = q.site_id WHERE q.id >= s.queue_start;

INSERT INTO cluster_timer (name, next_run_at) VALUES ('queue-reclaim', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
