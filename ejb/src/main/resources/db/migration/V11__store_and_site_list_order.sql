-- The store list and the site window's store picker show stores by name, ignoring case, a page at a time. With
-- 500,000 stores, sorting all of them for each page took half a second: the lower-cased name is kept beside the
-- name (H2 has no expression indexes, as for site.name_key) and indexed with the ID, the lists' order.
ALTER TABLE store ADD COLUMN name_key VARCHAR(100);
UPDATE store SET name_key = LOWER(name);
ALTER TABLE store ALTER COLUMN name_key SET NOT NULL;
CREATE INDEX store_by_name ON store (name_key, id);

-- The site list's order (the central site first, then by name): a page at any offset is read in index order.
CREATE INDEX site_list_order ON site (central DESC, name_key, id);
