-- A parent pushed after its lines gives them its store (sync.PushReception): its waiting lines are found by the
-- parent's ID among what the site pushed, without reading every record the site has in sync_in.
CREATE INDEX sync_in_by_parent ON sync_in (site_id, parent_id);
