/**
 * The API of the demo data generators at /demo/api (HTTP Basic, counted as the sign-in form counts it; users who
 * may edit sync settings): bulk store and central data for trials, tests and benchmarks. Its own WAR, left out of the
 * production application.
 * <p>
 * Uses demo.data, user, security and platform.
 */
package org.syncsites.demo;
