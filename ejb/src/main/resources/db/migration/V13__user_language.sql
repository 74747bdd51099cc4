-- The language a user chose for the pages (a language tag such as fr or pt); NULL: the browser's.
ALTER TABLE app_user ADD COLUMN language VARCHAR(20);
