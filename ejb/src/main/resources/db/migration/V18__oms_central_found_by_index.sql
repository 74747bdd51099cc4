-- Every sync cycle begins with GET /v5/site, whose answer names the open-mSupply central site: without an index,
-- finding it read every site's row, once per cycle of every site (100,000 sites: 100,000 rows read per request).
CREATE INDEX site_oms_central ON site (oms_central);
