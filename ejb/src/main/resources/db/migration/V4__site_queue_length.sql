-- The length of each site's outgoing queue, kept with every insert into and delete from sync_out (in the same
-- transaction), so that a sync pull need not count a queue of a million entries on every request.
ALTER TABLE site ADD COLUMN queue_length BIGINT DEFAULT 0 NOT NULL;
UPDATE site SET queue_length = (SELECT COUNT(*) FROM sync_out q WHERE q.site_id = site.id);
