-- Every device that signed in for a site or tried to: its hardware ID, when it was first and last seen, what app it
-- said it was, and what it was last answered; and, for a device whose binding an admin reset, who did and when. Kept
-- as long as the sync history (a device not seen for that long goes), at most 100 devices per site.
CREATE TABLE site_device (
    site_id       BIGINT       NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    hardware_id   VARCHAR(200) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    app_name      VARCHAR(100),
    app_version   VARCHAR(50),
    last_answer   VARCHAR(20)  NOT NULL,
    unbound_at    TIMESTAMP WITH TIME ZONE,
    unbound_by    VARCHAR(200),
    PRIMARY KEY (site_id, hardware_id)
);
CREATE INDEX site_device_by_hardware_id ON site_device (hardware_id);
CREATE INDEX site_device_by_last_seen ON site_device (last_seen_at);
-- the devices bound today, as first seen at their first connection
INSERT INTO site_device (site_id, hardware_id, first_seen_at, last_seen_at, app_name, app_version, last_answer)
SELECT id, hardware_id, COALESCE(first_connection_at, CURRENT_TIMESTAMP), COALESCE(last_connection_at, CURRENT_TIMESTAMP),
       app_name, app_version, 'ACCEPTED'
FROM site WHERE hardware_id IS NOT NULL;
