-- Site users' sign-ins through the central (POST /api/v4/login) are counted per user name and per address they come
-- from: five wrong passwords from one address make that address wait for that name, not the user at every site, and a
-- name no user has waits the same way as one a user has, so the answers tell no name apart. The user row's own
-- counter goes.
CREATE TABLE site_user_sign_in_guard (
    username_key    VARCHAR(100) NOT NULL,
    address         VARCHAR(64)  NOT NULL,
    failures        INTEGER      NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_failure_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (username_key, address)
);
CREATE INDEX site_user_sign_in_guard_by_last_failure ON site_user_sign_in_guard (last_failure_at);
ALTER TABLE site_user DROP COLUMN failed_sign_ins;
ALTER TABLE site_user DROP COLUMN locked_until;
