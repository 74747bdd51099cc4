package org.syncsites.siteusers;

import java.util.Locale;

/**
 * The languages of mSupply's users, by the numbers mSupply gives them (open-mSupply reads {@code Language} so:
 * {@code server/service/src/sync/translations/user.rs}); any other number is English there.
 */
public enum Language {
    EN(0),
    FR(1),
    ES(2),
    LO(3),
    KM(4),
    PT(5),
    RU(6),
    TET(7);

    private final int number;

    Language(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The language of an ISO code ("fr", "tet"), or null when mSupply has none. */
    public static Language ofCode(String code) {
        if (code == null) {
            return null;
        }
        for (Language language : values()) {
            if (language.name().equalsIgnoreCase(code.strip())) {
                return language;
            }
        }
        return null;
    }

    /** The language of a number; English for a number mSupply does not know. */
    public static Language ofNumber(int number) {
        for (Language language : values()) {
            if (language.number == number) {
                return language;
            }
        }
        return EN;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
