-- Single sign-on matches an account by who the identity provider says the user is (its issuer and the user's
-- subject, "sub": stable and unique), not by the user name alone (neither: a provider user named like an account here
-- must not get that account). An account is linked at its user's first sign-in through the provider when the
-- provider made it then, or when an editor allowed it (provider_link_open); accounts the provider made before this
-- upgrade are linked at their user's next sign-in.
ALTER TABLE app_user ADD COLUMN provider_issuer VARCHAR(500);
ALTER TABLE app_user ADD COLUMN provider_subject VARCHAR(255);
ALTER TABLE app_user ADD COLUMN provider_link_open BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE app_user ADD CONSTRAINT app_user_provider_identity_unique UNIQUE (provider_issuer, provider_subject);
UPDATE app_user SET provider_link_open = TRUE WHERE id IN (SELECT entity_id FROM audit_entry WHERE action = 'USER_CREATED'
    AND entity_type = 'User' AND field = 'signed in by' AND new_value = 'the identity provider');
