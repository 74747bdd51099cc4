package org.syncsites.store;

import java.io.Serializable;
import java.util.List;

/** One page of the store list: {@code matching} stores pass the filter out of {@code total}. */
public record StorePage(List<StoreSummary> rows, long matching, long total) implements Serializable {
}
