-- User accounts an administrator manages (issue 10, item 7).
--  must_change_password: the password was generated at first start or set by another user; the user must choose
--    their own before doing anything else.
--  access_version: raised whenever what a signed-in session may do changes (permission granted or revoked,
--    account disabled, password set or changed); a session signed in under an older version is ended on its next
--    request, on whichever cluster node it arrives.
--  failed_sign_ins / sign_in_wait_until: form sign-ins are counted before the password is checked; after
--    5 in a row without success the account waits 10 minutes (the right password lifts the count).
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_user ADD COLUMN access_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE app_user ADD COLUMN failed_sign_ins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE app_user ADD COLUMN sign_in_wait_until TIMESTAMP WITH TIME ZONE;
