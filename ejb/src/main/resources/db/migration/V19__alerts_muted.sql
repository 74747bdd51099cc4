-- A site whose alerts an admin muted until a time (a site closed for a holiday, a device being replaced): its alerts
-- are still raised and shown on the dashboard, but not sent by e-mail or webhook until then; what is still open then
-- is sent as usual. Who muted them, for the site window.
ALTER TABLE site ADD COLUMN alerts_muted_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE site ADD COLUMN alerts_muted_by VARCHAR(100);
