-- A store moved from a legacy mSupply central keeps the ID its sites know it by: open-mSupply names a store's data by
-- that ID (store_ID, storeID, fromStoreID, toStoreID) and the store by its name record's ID (name_ID, already a column
-- of its own). Unset: the store's code, as before. No store's legacy ID is another store's code or legacy ID.
ALTER TABLE store ADD COLUMN legacy_id VARCHAR(64);
ALTER TABLE store ADD COLUMN legacy_key VARCHAR(64);
CREATE UNIQUE INDEX store_by_legacy_key ON store (legacy_key);
