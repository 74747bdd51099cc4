/**
 * The APIs that remote sites call: sync v5 (/sync/v5), authenticated by headers, and the legacy API v4 that
 * open-mSupply calls beside it (/api/v4: a site user's sign-in, the patient search and patient links).
 * <p>
 * Uses web.rest (its error mapping), syncv5, sync, synchistory (each request noted in its session),
 * siteusers, security and platform.
 */
package org.syncsites.web.sync;
