/**
 * The site list and the site window.
 * <p>
 * Uses web.faces, web.session, web.rest (the site file's columns) and the ejb packages they show.
 */
package org.syncsites.web.sites;
