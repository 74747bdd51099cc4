-- Where each change came from: a page, the API (and which API token), a file import, a site's sync, a bulk action or
-- the system. Entries made before this was noted have none.
ALTER TABLE audit_entry ADD COLUMN source VARCHAR(60);
