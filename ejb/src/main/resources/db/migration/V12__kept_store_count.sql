-- How many stores there are, kept as stores are added (store.StoreCount), so that the store list's "X/Y" does not
-- count hundreds of thousands of stores on every call. Stores are never deleted.
CREATE TABLE store_count (
    id     INTEGER PRIMARY KEY,
    stores BIGINT  NOT NULL
);
INSERT INTO store_count (id, stores) SELECT 1, COUNT(*) FROM store;
