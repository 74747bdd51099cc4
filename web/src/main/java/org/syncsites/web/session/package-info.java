/**
 * The admin's session in the browser and the API: signing in and out (with the form or single sign-on), the
 * current user and their language (Language, LanguageViewHandler), the account check on every request, the
 * protection against cross-site requests, and the error page.
 * <p>
 * Uses user, audit (where a request's changes come from), security and platform.
 */
package org.syncsites.web.session;
