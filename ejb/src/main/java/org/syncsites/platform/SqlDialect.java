package org.syncsites.platform;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.util.Locale;

/**
 * The few SQL phrases that differ between the two supported databases, in one place. Everything else the
 * application writes in SQL is portable between H2 and PostgreSQL.
 */
public enum SqlDialect {
    H2("SYSTEM_RANGE(1, ?1) series(n)", "NEXT VALUE FOR central_change_serial"),
    POSTGRESQL("generate_series(1, ?1) series(n)", "nextval('central_change_serial')");

    private final String numberSeries;
    private final String nextChangeSerial;

    SqlDialect(String numberSeries, String nextChangeSerial) {
        this.numberSeries = numberSeries;
        this.nextChangeSerial = nextChangeSerial;
    }

    /** The next serial of the central change log (sequence central_change_serial), one per row. */
    public String nextChangeSerial() {
        return nextChangeSerial;
    }

    /** A FROM item yielding the rows n = 1 .. ?1. */
    public String numberSeries() {
        return numberSeries;
    }

    public static SqlDialect of(EntityManager em) {
        String product = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName());
        return product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }
}
