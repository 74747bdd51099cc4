/**
 * What every capability stands on, and nothing of their own: the database (schema migrations, SQL dialect,
 * readiness), the commit-ordered change feeds and the one lock order, and the exceptions every rule throws
 * (RuleViolation, NotFound, EditConflict) with the words of failures.
 * <p>
 * Uses no other package of the application.
 */
package org.syncsites.platform;
