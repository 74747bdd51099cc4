package org.syncsites.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void aLongEnoughUncommonPasswordIsAccepted() {
        assertTrue(PasswordPolicy.problem("vera", "pink-lantern-42").isEmpty());
    }

    @Test
    void eachRuleRefusesWithASentence() {
        assertEquals(
                "Choose a password of at least 8 characters.",
                PasswordPolicy.problem("vera", "short").orElseThrow().english());
        assertTrue(PasswordPolicy.problem("vera", null).isPresent());
        assertTrue(PasswordPolicy.problem("vera.viewer", "Vera.Viewer")
                .orElseThrow()
                .english()
                .contains("not the user name"));
        assertTrue(PasswordPolicy.problem("vera", "aaaaaaaaaa")
                .orElseThrow()
                .english()
                .contains("repeated"));
        assertTrue(PasswordPolicy.problem("vera", "Password1")
                .orElseThrow()
                .english()
                .contains("first that anyone guesses"));
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefused() {
        assertTrue(PasswordPolicy.problem("vera", "x".repeat(71) + "y").isEmpty());
        assertTrue(PasswordPolicy.problem("vera", "x".repeat(72) + "y")
                .orElseThrow()
                .english()
                .contains("at most 72 bytes"));
        assertTrue(PasswordPolicy.problem("vera", "é".repeat(37)).isPresent(), "72 characters but 74 bytes");
    }
}
