package org.syncsites.platform;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a list (sites, stores), with the lists' "X/Y" counts: {@code matching} rows pass the filter out of
 * {@code total}.
 */
public record ListPage<T>(List<T> rows, long matching, long total) implements Serializable {}
