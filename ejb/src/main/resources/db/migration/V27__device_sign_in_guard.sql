-- While a site has no bound device, wrong sync passwords make the device that sent them wait, not the site: five from
-- one device (its hardware ID) and that device waits 10 minutes, so that a stranger cannot block every new site of a
-- roll-out with five requests each. The site's bound device keeps the seed's rule (its failures block the site). Rows
-- without a failure for a day go; binding a device removes the site's rows.
CREATE TABLE site_device_sign_in_guard (
    site_id         BIGINT       NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    hardware_id     VARCHAR(200) NOT NULL,
    failures        INTEGER      NOT NULL DEFAULT 0,
    wait_until      TIMESTAMP WITH TIME ZONE,
    last_failure_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (site_id, hardware_id)
);
CREATE INDEX site_device_sign_in_guard_by_last_failure ON site_device_sign_in_guard (last_failure_at);
