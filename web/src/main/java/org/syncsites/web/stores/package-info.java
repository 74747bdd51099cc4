/**
 * The store list page.
 * <p>
 * Uses web.faces, store and platform.
 */
package org.syncsites.web.stores;
