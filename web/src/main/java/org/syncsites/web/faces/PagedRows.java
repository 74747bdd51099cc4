package org.syncsites.web.faces;

import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.syncsites.platform.ListPage;

/**
 * The rows of a list page loaded a page at a time from the database, so that the page stays fast with hundreds of
 * thousands of rows, with the lists' "X/Y" count (rows matching the filter / all rows). The table asks for the count
 * and then for the page, in the same request: the count comes with the first page, which is kept for that request,
 * so that showing the first page (the usual case) reads the list once.
 */
public final class PagedRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** Loads the rows {@code offset} .. {@code offset + limit - 1} of what the list shows now. */
    @FunctionalInterface
    public interface Loader<T> extends Serializable {
        ListPage<T> load(int offset, int limit);
    }

    /**
     * Loads the rows {@code offset} .. {@code offset + limit - 1} of what the list shows now, in the order of the
     * column the user sorted on ({@code sort}; null: the list's own order).
     */
    @FunctionalInterface
    public interface SortedLoader<T> extends Serializable {
        ListPage<T> load(int offset, int limit, Sort sort);
    }

    /** The column a user sorted the table on (its {@code field}), and which way. */
    public record Sort(String field, boolean descending) implements Serializable {}

    /** The row's key, unique in the list (its ID). */
    @FunctionalInterface
    public interface Key<T> extends Serializable {
        long of(T row);
    }

    /** Rows read with the count before the table says how many it shows: its largest page. */
    private static final int FIRST_PAGE = 100;

    private final SortedLoader<T> loader;
    private final Key<T> key;
    /** The order the table was last sorted in (null: the list's own); a new request counts in it. */
    private Sort sort;

    private transient Sort countedSort;
    private long matching;
    private long total;
    /** The first page, read with the count in this request (never kept beyond it). */
    private transient ListPage<T> counted;

    private transient Object countedIn;

    /** What tells one request from the next, and its language (the Faces request's; a test gives its own). */
    interface Requests extends Serializable {
        Object current();

        Locale locale();
    }

    /** The Faces request being answered. */
    private static final class FacesRequests implements Requests {
        private static final long serialVersionUID = 1L;

        @Override
        public Object current() {
            return FacesContext.getCurrentInstance();
        }

        @Override
        public Locale locale() {
            return Messages.locale(FacesContext.getCurrentInstance());
        }
    }

    private final Requests requests;

    public PagedRows(Loader<T> loader, Key<T> key) {
        this(loader, key, new FacesRequests());
    }

    /** A list whose columns can be sorted on. */
    public PagedRows(SortedLoader<T> loader, Key<T> key) {
        this(loader, key, new FacesRequests());
    }

    PagedRows(Loader<T> loader, Key<T> key, Requests requests) {
        this((SortedLoader<T>) (offset, limit, sort) -> loader.load(offset, limit), key, requests);
    }

    PagedRows(SortedLoader<T> loader, Key<T> key, Requests requests) {
        this.loader = loader;
        this.key = key;
        this.requests = requests;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        counted = remember(loader.load(0, getPageSize() > 0 ? getPageSize() : FIRST_PAGE, sort));
        countedIn = requests.current();
        countedSort = sort;
        return (int) counted.matching();
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        sort = sortBy == null
                ? null
                : sortBy.values().stream()
                        .filter(s -> s.getOrder() != null && !s.getOrder().isUnsorted())
                        .findFirst()
                        .map(s -> new Sort(s.getField(), s.getOrder().isDescending()))
                        .orElse(null);
        ListPage<T> firstPage = counted != null && countedIn == requests.current() && Objects.equals(countedSort, sort)
                ? counted
                : null;
        counted = null;
        countedIn = null;
        if (firstPage != null
                && first == 0
                && (pageSize <= firstPage.rows().size() || firstPage.rows().size() == firstPage.matching())) {
            setRowCount((int) firstPage.matching());
            // a copy: a view of the list is not serializable, and the rows live in the view's state, which a cluster
            // replicates with the session (a failed-over node could not restore the page)
            return List.copyOf(firstPage
                    .rows()
                    .subList(0, Math.min(pageSize, firstPage.rows().size())));
        }
        ListPage<T> page = remember(loader.load(first, pageSize, sort));
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

    /** "matching/total" in the page's language, e.g. "12/1,340" ("12/1 340" in French). */
    public String getCount() {
        NumberFormat numbers = NumberFormat.getIntegerInstance(requests.locale());
        return numbers.format(matching) + "/" + numbers.format(total);
    }

    private ListPage<T> remember(ListPage<T> page) {
        matching = page.matching();
        total = page.total();
        return page;
    }
}
