/**
 * What every Faces page shares: messages shown to people in the page's language (Messages), the one answer to
 * an action the user's role does not allow (AccessRefusals), values loaded once per request (ThisRequest), the
 * sync-settings inputs (SyncSettingsInput), and how times are written (Formats).
 * <p>
 * Uses platform.
 */
package org.syncsites.web.faces;
