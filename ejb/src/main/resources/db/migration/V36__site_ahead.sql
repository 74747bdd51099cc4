-- A site found ahead of this database: it holds what only a later state of the central server gave it (a change-log
-- cursor past the highest serial issued here, or an acknowledgement of queue entries never issued here), as after a
-- restore of the database to an earlier point. Kept until an editor re-initialises the site.
CREATE TABLE site_ahead (
    site_id           BIGINT       PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
    feed              VARCHAR(20)  NOT NULL,
    site_position     BIGINT       NOT NULL,
    central_position  BIGINT       NOT NULL,
    last_sync_kept    TIMESTAMP WITH TIME ZONE,
    detected_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The serials each start of the server left out of the central change log (after_serial < serial < before_serial):
-- a site's cursor inside one points at changes of a state of the database that a restore took away.
CREATE TABLE change_serial_gap (
    after_serial   BIGINT NOT NULL,
    before_serial  BIGINT NOT NULL,
    made_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
