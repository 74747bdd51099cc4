/**
 * What every Faces page shares: messages shown to people in the page's language (Messages), the one answer to
 * an action the user's role does not allow (AccessRefusals), values loaded once per request (ThisRequest), the
 * sync-settings inputs (SyncSettingsInput), how times are written (Formats), and the pages that import a CSV
 * file (FileImportView).
 * <p>
 * Uses siteadmin (an import's plan) and platform.
 */
package org.syncsites.web.faces;
