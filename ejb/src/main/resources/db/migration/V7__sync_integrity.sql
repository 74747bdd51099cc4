-- Cursor feeds hand out records in commit order. A writer of a feed holds its row here (SELECT ... FOR UPDATE)
-- from the moment it takes serials until it commits, so a serial is never taken while a smaller one is still
-- invisible to readers (see org.syncsites.platform.ChangeFeed).
CREATE TABLE change_feed_writer (
    feed  VARCHAR(20) PRIMARY KEY
);
INSERT INTO change_feed_writer (feed) VALUES ('central');
INSERT INTO change_feed_writer (feed) VALUES ('local');

-- A pushed record that could not be integrated is set aside (kept, shown to admins, retried on request) so that
-- the rest of the push is integrated; the site learns of the failure from site_status.
ALTER TABLE sync_in ADD COLUMN failed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_in ADD COLUMN failure VARCHAR(1000);
-- Set when an integration set records aside or gave up, which site_status then reports to the site; cleared by
-- the site's next push or a retry. integration_set_aside counts the site's records set aside (shown to admins
-- until retried), kept by whoever sets records aside or retries them.
ALTER TABLE site ADD COLUMN integration_failed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE site ADD COLUMN integration_failure VARCHAR(1000);
ALTER TABLE site ADD COLUMN integration_set_aside BIGINT DEFAULT 0 NOT NULL;

-- The one site (at most) that is the open-mSupply central server (sync v6) of the network: the others are told
-- its URL, and it is told that it is the one.
ALTER TABLE site ADD COLUMN oms_central BOOLEAN DEFAULT FALSE NOT NULL;
