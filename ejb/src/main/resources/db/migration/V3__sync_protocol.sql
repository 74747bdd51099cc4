-- Sync protocol v5 on the central server.
-- initialisation_status: new until the site asks to be initialised, then started; completed/error are read from
-- its resync jobs. The credential digest lets the requests of one sync session skip bcrypt (10 minutes).
ALTER TABLE site ADD COLUMN initialisation_status VARCHAR(20) DEFAULT 'new' NOT NULL;
ALTER TABLE site ADD COLUMN sync_credential_digest VARCHAR(64);
ALTER TABLE site ADD COLUMN sync_credential_expires_at TIMESTAMP WITH TIME ZONE;
