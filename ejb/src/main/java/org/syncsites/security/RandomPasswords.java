package org.syncsites.security;

import java.security.SecureRandom;

/**
 * Passwords made up for people to copy: 16 characters of an alphabet without the look-alikes (0/O, 1/l/I), about
 * 93 bits of chance.
 */
public final class RandomPasswords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPasswords() {}

    public static String next() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
