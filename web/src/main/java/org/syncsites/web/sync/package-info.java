/**
 * The sync v5 API that remote sites call (/sync/v5): authentication by headers and the endpoints.
 * <p>
 * Uses web.rest (its error mapping), syncv5 and sync.
 */
package org.syncsites.web.sync;
