-- A remote site may trust its central's certificate by its SHA-256 fingerprint (a self-signed certificate), besides
-- the JVM's CAs. A new column, empty: nothing trusted before is changed.
ALTER TABLE remote_sync ADD COLUMN trusted_certificate VARCHAR(95);
