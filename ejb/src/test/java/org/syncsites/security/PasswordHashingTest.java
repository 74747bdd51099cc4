package org.syncsites.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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

    private static final SignInKey KEY = SignInKey.of(new byte[32]);
    private static final SignInKey OTHER_KEY = SignInKey.of("another server's key, 32 bytes..".getBytes());

    @Test
    void aQuickHashIsKeyedSaltedAndMatchesOnlyItsPasswordUnderItsKey() {
        String hash = PasswordHashing.quickHash("correct horse", KEY);
        assertTrue(PasswordHashing.isQuick(hash), hash);
        assertFalse(PasswordHashing.isQuick(PasswordHashing.hash("correct horse")));
        assertFalse(hash.contains("correct horse"));
        assertTrue(PasswordHashing.matches("correct horse", hash, KEY));
        assertFalse(PasswordHashing.matches("correct horse!", hash, KEY));
        assertFalse(PasswordHashing.matches(null, hash, KEY));
        assertNotEquals(hash, PasswordHashing.quickHash("correct horse", KEY), "a new salt every time");
        assertFalse(PasswordHashing.matches("correct horse", hash, OTHER_KEY), "another key cannot check it");
        assertTrue(PasswordHashing.checkableWith(hash, KEY));
        assertFalse(PasswordHashing.checkableWith(hash, OTHER_KEY));
        assertTrue(PasswordHashing.checkableWith(PasswordHashing.hash("x"), OTHER_KEY), "bcrypt needs no key");
    }

    @Test
    void aQuickHashIsMadeInMicrosecondsButAWrongPasswordTakesAsLongAsBcrypt() {
        String bcrypt = PasswordHashing.hash("correct horse");
        String quick = PasswordHashing.quickHash("correct horse", KEY);
        PasswordHashing.matches("warm up", quick, KEY);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            PasswordHashing.quickHash("password " + i, KEY);
        }
        long thousandQuickHashes = System.nanoTime() - start;
        long bcryptCheck = Long.MAX_VALUE;
        long quickCheck = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the fastest of three: another process may take the core for a moment
            start = System.nanoTime();
            PasswordHashing.matches("wrong", bcrypt);
            bcryptCheck = Math.min(bcryptCheck, System.nanoTime() - start);
            start = System.nanoTime();
            PasswordHashing.matches("wrong", quick, KEY);
            quickCheck = Math.min(quickCheck, System.nanoTime() - start);
        }
        assertTrue(
                thousandQuickHashes < bcryptCheck * 10,
                "1,000 quick hashes took " + thousandQuickHashes / 1_000_000 + " ms, one bcrypt check "
                        + bcryptCheck / 1_000_000 + " ms");
        assertTrue(
                quickCheck > bcryptCheck / 2,
                "a wrong password against a quick hash took " + quickCheck / 1_000_000 + " ms, against bcrypt "
                        + bcryptCheck / 1_000_000 + " ms");
    }

    @Test
    void garbledQuickHashesMatchNothing() {
        assertFalse(PasswordHashing.matches("x", "$keyed$", KEY));
        assertFalse(PasswordHashing.matches("x", "$keyed$" + KEY.id() + "$00$", KEY));
    }
}
