package org.syncsites.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashingTest {

    @Test
    void aHashIsSaltedBcryptAndMatchesOnlyItsPassword() {
        String hash = PasswordHashing.hash("correct horse");
        assertTrue(hash.startsWith("$2a$10$"), hash);
        assertFalse(hash.contains("correct horse"));
        assertTrue(PasswordHashing.matches("correct horse", hash));
        assertFalse(PasswordHashing.matches("correct horse!", hash));
        assertNotEquals(hash, PasswordHashing.hash("correct horse"), "a new salt every time");
    }

    @Test
    void missingOrGarbledHashesMatchNothing() {
        assertFalse(PasswordHashing.matches("x", null));
        assertFalse(PasswordHashing.matches("x", ""));
        assertFalse(PasswordHashing.matches("x", "not a hash"));
        assertFalse(PasswordHashing.matches(null, PasswordHashing.hash("x")));
    }
}
