/**
 * How the remote client reaches a central server over HTTP: two interchangeable transports (the JDK's
 * HttpClient and HttpURLConnection, the "alternative HTTP client" setting) behind SyncTransport.
 * <p>
 * Uses platform (the words of its failures).
 */
package org.syncsites.remote.http;
