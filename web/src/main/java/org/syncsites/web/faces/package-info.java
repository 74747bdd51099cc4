/**
 * What every Faces page shares: messages shown to people and how times and sizes are written.
 * <p>
 * Uses platform.
 */
package org.syncsites.web.faces;
