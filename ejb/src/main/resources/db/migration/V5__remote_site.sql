-- Sync Sites as a remote site of a central server (sync v5 as a client).

-- This datafile's link to its central server. One row (id 1). The site name, server URL, interval, request size
-- and HTTP client choice are the own site's fields (site.central = TRUE); the password a remote site presents
-- is the SHA-256 hex of the site password (the protocol's credential), kept here and never shown.
CREATE TABLE remote_sync (
    id                  INTEGER       PRIMARY KEY,
    password_sha256     VARCHAR(64),
    -- this site's identity on the central server, learnt on the first sync: a different one is refused
    central_site_uuid   VARCHAR(64),
    site_id_at_central  BIGINT,
    initialised         BOOLEAN       NOT NULL DEFAULT FALSE,
    central_cursor      BIGINT        NOT NULL DEFAULT 0,
    push_cursor         BIGINT        NOT NULL DEFAULT 0,
    -- a sync in progress (any node of a cluster may run it; the heartbeat shows it is alive)
    running             BOOLEAN       NOT NULL DEFAULT FALSE,
    heartbeat_at        TIMESTAMP WITH TIME ZONE,
    phase               VARCHAR(200),
    phase_done          BIGINT        NOT NULL DEFAULT 0,
    phase_total         BIGINT        NOT NULL DEFAULT 0,
    -- the last sync
    last_started_at     TIMESTAMP WITH TIME ZONE,
    last_finished_at    TIMESTAMP WITH TIME ZONE,
    last_outcome        VARCHAR(20),
    last_message        VARCHAR(2000),
    last_pushed         BIGINT        NOT NULL DEFAULT 0,
    last_received       BIGINT        NOT NULL DEFAULT 0,
    last_success_at     TIMESTAMP WITH TIME ZONE
);
INSERT INTO remote_sync (id) VALUES (1);

-- Records entered on this datafile are numbered in the order they change, so that a remote site pushes them
-- in order. Records written by sync itself get no number: they are never echoed back.
CREATE SEQUENCE local_change_serial START WITH 1 INCREMENT BY 1;
ALTER TABLE store_record ADD COLUMN local_change_serial BIGINT;
CREATE INDEX store_record_local_change ON store_record (local_change_serial);

-- Connection checks (which never count as failed sign-ins) with a wrong password are limited, so that they
-- cannot be used to guess a password: after a few, checks of the site wait until check_blocked_until.
ALTER TABLE site ADD COLUMN failed_check_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE site ADD COLUMN check_blocked_until TIMESTAMP WITH TIME ZONE;

-- On a remote site: the central made this store active on another site (its directory record says so), so
-- records entered here for it are no longer sent.
ALTER TABLE store ADD COLUMN active_on_other_site BOOLEAN DEFAULT FALSE NOT NULL;
