/**
 * The store list page.
 * <p>
 * Uses web.faces, web.rest (the store file's columns), store, siteadmin (an import's plan) and platform.
 */
package org.syncsites.web.stores;
