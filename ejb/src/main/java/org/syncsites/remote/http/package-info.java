/**
 * How the remote client reaches a central server over HTTP: two interchangeable transports (the JDK's
 * HttpClient and HttpURLConnection, the "alternative HTTP client" setting) behind SyncTransport.
 * <p>
 * Uses no other package of the application.
 */
package org.syncsites.remote.http;
