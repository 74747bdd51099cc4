package org.syncsites.siteadmin;

import java.io.Serializable;
import java.util.List;

/**
 * One page of the site list, with the seed's "X/Y" counts: {@code matching} sites pass the filter out of
 * {@code total}.
 */
public record SitePage(List<SiteSummary> rows, long matching, long total) implements Serializable {
}
