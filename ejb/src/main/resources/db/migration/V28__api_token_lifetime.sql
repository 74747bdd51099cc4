-- API tokens no longer last until revoked: each has a lifetime (90 days unless chosen, a year at most). Those made
-- without one last 90 days from this upgrade; the tokens of users disabled already end, as disabling ends them now.
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE expires_at IS NULL;
DELETE FROM api_token WHERE user_id IN (SELECT id FROM app_user WHERE enabled = FALSE);
