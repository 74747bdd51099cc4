package org.syncsites.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AppVersionTest {

    @Test
    void versionsAreComparedPartByPartAsNumbers() {
        assertTrue(version("2.9.0").compareTo(version("2.13.0")) < 0, "not as text");
        assertTrue(version("2.13.1").compareTo(version("2.13")) > 0);
        assertEquals(version("2.13"), version("2.13.0"), "a missing part counts as 0");
        assertEquals(version("2.13").hashCode(), version("2.13.0.0").hashCode());
    }

    @Test
    void suffixesAreIgnoredAndWhatIsNoVersionIsRefused() {
        assertEquals(version("2.13.0"), version(" 2.13.0-RC2 "), "open-mSupply strips -RC and -test too");
        assertEquals(version("2.13.0"), version("2.13.0+build7"));
        for (String notAVersion : new String[] {"", "two", "2..1", "2.13.", "1.2.3.4.5", "-1.0", "2.x", "1234567.0"}) {
            assertTrue(AppVersion.parse(notAVersion).isEmpty(), notAVersion);
        }
        assertTrue(AppVersion.parse(null).isEmpty());
        assertEquals("2.13.0", version("2.13.0-RC2").toString());
    }

    private static AppVersion version(String text) {
        return AppVersion.parse(text).orElseThrow();
    }
}
