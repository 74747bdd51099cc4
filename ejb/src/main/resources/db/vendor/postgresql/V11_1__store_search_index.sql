-- The store list's filter finds stores whose code, name or site name contains a text (LIKE '%text%'). B-tree
-- indexes cannot answer that: with 500,000 stores each filter read them all (about 400 ms). PostgreSQL's trigram
-- indexes (the pg_trgm extension, shipped with PostgreSQL and trusted: a database owner may install it) can. When
-- the extension cannot be installed here (a user without the right), the lists still work, by reading all stores:
-- the migration says so and goes on.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE WARNING 'Sync Sites: the pg_trgm extension could not be installed (%); the store list filter will read '
        'every store. A superuser can install it: CREATE EXTENSION pg_trgm;', SQLERRM;
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX store_code_contains ON store USING gin (code_key gin_trgm_ops);
        CREATE INDEX store_name_contains ON store USING gin (name_key gin_trgm_ops);
        CREATE INDEX site_name_contains ON site USING gin (name_key gin_trgm_ops);
    END IF;
END $$;
