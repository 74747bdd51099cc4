-- The audit trail is searched by who and by what was done, newest first, a page at a time: each search reads its
-- index from the newest entry on, however long the trail has grown.
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, id);
CREATE INDEX audit_entry_by_action ON audit_entry (action, id);
