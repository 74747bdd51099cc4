/**
 * The "central server" page of this server as a remote site, and what it knows of its own address.
 * <p>
 * Uses web.faces, web.session, remote, site (a connection check's report) and platform.
 */
package org.syncsites.web.remote;
