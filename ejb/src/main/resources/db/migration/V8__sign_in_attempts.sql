-- Wrong passwords sent from a device other than the one bound to the site are counted apart: after a few, such
-- attempts wait (other_device_wait_until) instead of blocking the site, so a stranger cannot lock out its device.
ALTER TABLE site ADD COLUMN other_device_failed_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE site ADD COLUMN other_device_wait_until TIMESTAMP WITH TIME ZONE;
