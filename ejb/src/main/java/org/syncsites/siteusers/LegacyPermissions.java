package org.syncsites.siteusers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * mSupply's legacy permissions, by number (1-based): written as a list of numbers ("2,26,39"), and sent to a device as
 * the array open-mSupply reads, whose position {@code i} is permission {@code i + 1} (open-msupply
 * {@code server/service/src/apis/permissions.rs}; the login sheet in docs/open-msupply-data.md).
 */
public final class LegacyPermissions {

    /** The highest number: mSupply's numbers run to 515 (the HIS permissions are 501 to 515). */
    public static final int HIGHEST = 515;

    private LegacyPermissions() {}

    /** The numbers of a list written "2, 26,39"; a number out of 1..{@value #HIGHEST} or a word is refused. */
    public static List<Integer> parse(String written) {
        TreeSet<Integer> numbers = new TreeSet<>();
        if (written != null) {
            for (String part : written.split(",")) {
                if (!part.isBlank()) {
                    numbers.add(check(Integer.parseInt(part.strip())));
                }
            }
        }
        return List.copyOf(numbers);
    }

    /** The numbers, checked, without repeats, in order, written as a list. */
    public static String write(Collection<Integer> numbers) {
        List<String> parts = new ArrayList<>();
        new TreeSet<>(numbers).forEach(n -> parts.add(Integer.toString(check(n))));
        return String.join(",", parts);
    }

    /** The array a device reads: {@value #HIGHEST} places, {@code true} at position n - 1 for each number n. */
    public static boolean[] array(Collection<Integer> numbers) {
        boolean[] bits = new boolean[HIGHEST];
        numbers.forEach(n -> bits[check(n) - 1] = true);
        return bits;
    }

    private static int check(int number) {
        if (number < 1 || number > HIGHEST) {
            throw new IllegalArgumentException("Permission numbers run from 1 to " + HIGHEST + ": " + number);
        }
        return number;
    }
}
