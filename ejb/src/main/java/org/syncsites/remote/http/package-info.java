/**
 * How the remote client reaches a central server over HTTP: two interchangeable transports (the JDK's
 * HttpClient and HttpURLConnection, the "alternative HTTP client" setting) behind SyncTransport.
 * <p>
 * Uses platform (the words of its failures) and security (the fingerprint of a certificate it is shown).
 */
package org.syncsites.remote.http;
