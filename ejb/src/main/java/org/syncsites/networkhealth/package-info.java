/**
 * The health of the whole network: the states a site can be in (SiteState: how long since its last complete sync
 * against the overdue thresholds, and what needs an admin), the thresholds and how long the sync history is kept
 * (HealthSettings, one row for the network), the dashboard's figures (NetworkHealth), alerts raised once per
 * crossing and sent by e-mail and webhook unless an admin muted the site's alerts for a while (Alerts,
 * AlertNotifier), and the timers that look for alerts, recount and prune the sync history once per cluster
 * (HealthTimers).
 * <p>
 * Uses synchistory, resync, site, audit, security and platform.
 */
package org.syncsites.networkhealth;
