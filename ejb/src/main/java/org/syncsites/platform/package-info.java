/**
 * What every capability stands on, and nothing of their own: the database (schema migrations, SQL dialect,
 * readiness; Columns: what a text column holds), the commit-ordered change feeds, the one lock order, timers once
 * per cluster (OncePerCluster), the messages of the work queues (WorkMessages), the metrics counted (Meters), the
 * exceptions every rule throws
 * (RuleViolation, NotFound, EditConflict), and the words for people (Text, with the bundle Words.properties; Times).
 * <p>
 * Uses no other package of the application.
 */
package org.syncsites.platform;
