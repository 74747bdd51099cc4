package org.syncsites.web.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.syncsites.platform.ListPage;

/** A lazy table asks for the count, then for the page: the first page must not be read from the database twice. */
class PagedRowsTest {

    /** The request being answered. */
    private Object request = new Object();
    /** 230 rows 0..229; records what is read. */
    private final List<String> reads = new ArrayList<>();

    private final PagedRows<Long> rows = new PagedRows<>(
            (offset, limit) -> {
                reads.add(offset + "+" + limit);
                List<Long> page = LongStream.range(offset, Math.min(230, offset + limit))
                        .boxed()
                        .toList();
                return new ListPage<>(page, 230, 1000);
            },
            id -> id,
            requests());

    private PagedRows.Requests requests() {
        return new PagedRows.Requests() {
            @Override
            public Object current() {
                return request;
            }

            @Override
            public Locale locale() {
                return Locale.FRENCH;
            }
        };
    }

    @Test
    void theFirstPageIsReadOnceWithItsCount() {
        assertEquals(230, rows.count(Map.of()));
        List<Long> shown = rows.load(0, 25, Map.of(), Map.of());

        assertEquals(List.of("0+100"), reads, "one read for the count and the page");
        assertEquals(LongStream.range(0, 25).boxed().toList(), shown);
        assertEquals(230, rows.getRowCount());
        assertEquals("230/1\u202f000", rows.getCount(), "in the page's language (French groups with a narrow space)");
    }

    /** The rows shown live in the view's state, which a cluster replicates with the session: they must serialize. */
    @Test
    void theRowsShownCanBeReplicatedWithTheSession() throws IOException {
        rows.count(Map.of());
        List<Long> shown = rows.load(0, 25, Map.of(), Map.of());
        try (var out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(shown);
        }
    }

    @Test
    void anotherPageIsReadItself() {
        rows.count(Map.of());
        List<Long> shown = rows.load(200, 25, Map.of(), Map.of());

        assertEquals(List.of("0+100", "200+25"), reads);
        assertEquals(LongStream.range(200, 225).boxed().toList(), shown);
    }

    @Test
    void aTableSortedOtherwiseThanItWasCountedRereadsItsFirstPageInTheNewOrder() {
        PagedRows<Long> sortable = new PagedRows<>(
                (offset, limit, sort) -> {
                    reads.add(offset + "+" + limit
                            + (sort == null ? "" : " by " + sort.field() + (sort.descending() ? " desc" : "")));
                    return new ListPage<>(List.of(1L, 2L), 2, 2);
                },
                id -> id,
                requests());
        sortable.count(Map.of());
        sortable.load(
                0,
                25,
                Map.of(
                        "code",
                        SortMeta.builder()
                                .field("CODE")
                                .order(SortOrder.DESCENDING)
                                .build()),
                Map.of());
        sortable.count(Map.of());
        request = new Object();
        sortable.count(Map.of());
        sortable.load(
                0,
                25,
                Map.of(
                        "code",
                        SortMeta.builder()
                                .field("CODE")
                                .order(SortOrder.DESCENDING)
                                .build()),
                Map.of());

        assertEquals(
                List.of("0+100", "0+25 by CODE desc", "0+100 by CODE desc", "0+100 by CODE desc"),
                reads,
                "the count read in the old order is not shown; the next requests count in the new one");
    }

    @Test
    void aPageRereadsWhenItWasNotCountedJustBefore() {
        rows.count(Map.of());
        rows.load(0, 25, Map.of(), Map.of());
        rows.load(0, 25, Map.of(), Map.of()); // the list may have changed since the count
        rows.count(Map.of());
        request = new Object(); // the table counted but did not load; the next request loads
        rows.load(0, 25, Map.of(), Map.of());

        assertEquals(List.of("0+100", "0+25", "0+100", "0+25"), reads);
    }
}
