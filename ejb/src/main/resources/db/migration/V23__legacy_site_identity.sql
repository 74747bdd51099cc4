-- A site moved from a legacy mSupply central keeps the identity its device knows (GET /sync/v5/site's id and siteId):
-- open-mSupply refuses a central that gives it another one (SITE_UUID_IS_BEING_CHANGED), and finds its stores by
-- that siteId (store.sync_id_remote_site). Unset: the site's own ID, as before.
ALTER TABLE site ADD COLUMN legacy_id VARCHAR(64);
ALTER TABLE site ADD COLUMN legacy_site_id INTEGER;
CREATE UNIQUE INDEX site_by_legacy_site_id ON site (legacy_site_id);
