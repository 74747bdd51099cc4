package org.syncsites.web.faces;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.syncsites.platform.ListPage;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The rows of a list page loaded a page at a time from the database, so that the page stays fast with hundreds of
 * thousands of rows, with the lists' "X/Y" count (rows matching the filter / all rows).
 */
public final class PagedRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** Loads the rows {@code offset} .. {@code offset + limit - 1} of what the list shows now. */
    @FunctionalInterface
    public interface Loader<T> extends Serializable {
        ListPage<T> load(int offset, int limit);
    }

    /** The row's key, unique in the list (its ID). */
    @FunctionalInterface
    public interface Key<T> extends Serializable {
        long of(T row);
    }

    private final Loader<T> loader;
    private final Key<T> key;
    private long matching;
    private long total;

    public PagedRows(Loader<T> loader, Key<T> key) {
        this.loader = loader;
        this.key = key;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) remember(loader.load(0, 1)).matching();
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        ListPage<T> page = remember(loader.load(first, pageSize));
        setRowCount((int) page.matching());
        return page.rows();
    }

    @Override
    public String getRowKey(T row) {
        return Long.toString(key.of(row));
    }

    @Override
    public T getRowData(String rowKey) {
        for (T row : getWrappedData()) {
            if (getRowKey(row).equals(rowKey)) {
                return row;
            }
        }
        return null;
    }

    /** "matching/total", e.g. "12/340". */
    public String getCount() {
        return matching + "/" + total;
    }

    private ListPage<T> remember(ListPage<T> page) {
        matching = page.matching();
        total = page.total();
        return page;
    }
}
