package org.syncsites.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.syncsites.platform.Text;

/**
 * What a user's password must be, wherever one is chosen: by the user, by an administrator for them, or by
 * {@code SYNCSITES_ADMIN_PASSWORD} for the first administrator. The reasons say what to do (words in the bundle).
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    /** bcrypt reads only the first 72 bytes of a password: a longer one would be accepted with any ending. */
    static final int MAX_BYTES = 72;

    /** Passwords that every guessing list starts with, and the product's own names. */
    private static final Set<String> COMMON = Set.of(
            "password",
            "password1",
            "12345678",
            "123456789",
            "1234567890",
            "qwertyuiop",
            "qwerty123",
            "iloveyou",
            "sunshine",
            "letmein1",
            "welcome1",
            "admin123",
            "administrator",
            "changeme",
            "syncsites",
            "msupply1",
            "msupply123");

    private PasswordPolicy() {}

    /** Why this password may not be used by this user, or empty when it may. */
    public static Optional<Text> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of(Text.of("password.tooShort", MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Text.of("password.tooLong", MAX_BYTES));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.equals(username.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(Text.of("password.isUserName"));
        }
        if (password.chars().distinct().count() == 1) {
            return Optional.of(Text.of("password.oneCharacter"));
        }
        if (COMMON.contains(lower)) {
            return Optional.of(Text.of("password.common"));
        }
        return Optional.empty();
    }
}
