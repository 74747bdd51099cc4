/**
 * The admin REST API under /api/admin, the mapping of the application's exceptions to JSON error bodies,
 * and how the business's words are written in its JSON, in the caller's language (ErrorBody, JsonWords,
 * AnswersVaryByLanguage).
 * <p>
 * Uses web.session and the ejb packages.
 */
package org.syncsites.web.rest;
