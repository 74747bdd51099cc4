package org.syncsites.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HardwareIdTest {

    @Test
    void theSameMachineAndDataDirectoryAlwaysGiveTheSameId() {
        assertEquals(
                HardwareId.of("machine-a", Path.of("/srv/syncsites/data")),
                HardwareId.of("machine-a", Path.of("/srv/syncsites/./data")));
    }

    @Test
    void anotherMachineOrAnotherDataDirectoryIsAnotherDevice() {
        String id = HardwareId.of("machine-a", Path.of("/srv/syncsites/data"));
        assertNotEquals(id, HardwareId.of("machine-b", Path.of("/srv/syncsites/data")));
        assertNotEquals(id, HardwareId.of("machine-a", Path.of("/srv/other/data")));
    }

    @Test
    void looksLikeAUuid() {
        assertTrue(HardwareId.of("m", Path.of("/d"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }
}
