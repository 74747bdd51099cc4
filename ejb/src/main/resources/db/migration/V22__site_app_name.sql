-- The app a site's device last signed in with (the app-name header, e.g. "Open mSupply Desktop"): the dashboard warns
-- when open-mSupply sites sync and no site is marked the open-mSupply central server.
ALTER TABLE site ADD COLUMN app_name VARCHAR(100);
