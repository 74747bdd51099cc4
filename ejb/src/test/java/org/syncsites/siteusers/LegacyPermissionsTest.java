package org.syncsites.siteusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy permission numbers, written as admins give them and as the array a device reads. */
class LegacyPermissionsTest {

    @Test
    void positionNMinusOneIsPermissionN() {
        boolean[] bits = LegacyPermissions.array(List.of(1, 42, 190, 515));
        assertEquals(515, bits.length, "long enough for mSupply's highest number");
        assertTrue(bits[0] && bits[41] && bits[189] && bits[514]);
        assertFalse(bits[42] || bits[40]);
    }

    @Test
    void writtenListsAreReadInOrderWithoutRepeatsAndNumbersOutOfRangeAreRefused() {
        assertEquals(List.of(2, 26, 39), LegacyPermissions.parse(" 39, 2,26,2 ,"));
        assertEquals("2,26,39", LegacyPermissions.write(List.of(39, 26, 2, 26)));
        assertEquals(List.of(), LegacyPermissions.parse(null));
        assertThrows(IllegalArgumentException.class, () -> LegacyPermissions.write(List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> LegacyPermissions.parse("516"));
    }
}
