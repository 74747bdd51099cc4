package org.syncsites.site;

import java.util.Arrays;
import java.util.Optional;

/**
 * An app's version as devices send it in the {@code app-version} header and admins write it: up to four whole numbers
 * separated by dots ({@code 2.13.0}), any suffix after a {@code -} or {@code +} ignored (open-mSupply strips its
 * {@code -RC…} and {@code -test} suffixes itself, docs/sync-v5.md). Compared part by part, a missing part counting as
 * 0, so {@code 2.13} is {@code 2.13.0}.
 */
public record AppVersion(int[] parts) implements Comparable<AppVersion> {

    public AppVersion {
        parts = parts.clone();
    }

    @Override
    public int[] parts() {
        return parts.clone();
    }

    /** The version the text names, or empty when it names none. */
    public static Optional<AppVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String version = text.strip();
        int suffix = indexOfSuffix(version);
        if (suffix >= 0) {
            version = version.substring(0, suffix);
        }
        String[] pieces = version.split("\\.", -1);
        if (version.isEmpty() || pieces.length > 4) {
            return Optional.empty();
        }
        int[] parts = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()
                    || pieces[i].length() > 6
                    || !pieces[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            parts[i] = Integer.parseInt(pieces[i]);
        }
        return Optional.of(new AppVersion(parts));
    }

    private static int indexOfSuffix(String version) {
        int dash = version.indexOf('-');
        int plus = version.indexOf('+');
        return dash < 0 ? plus : plus < 0 ? dash : Math.min(dash, plus);
    }

    @Override
    public int compareTo(AppVersion other) {
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int mine = i < parts.length ? parts[i] : 0;
            int theirs = i < other.parts.length ? other.parts[i] : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.length;
        while (end > 0 && parts[end - 1] == 0) {
            end--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, end));
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.stream(parts).mapToObj(Integer::toString).toList());
    }
}
