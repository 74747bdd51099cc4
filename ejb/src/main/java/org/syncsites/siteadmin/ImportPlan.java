package org.syncsites.siteadmin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * What a file of sites ({@link SiteImport}) or of stores ({@link StoreImport}) does, line by line, with the counts:
 * a preview changes nothing; applying refuses the whole file while any line has a problem.
 */
public record ImportPlan(List<Line> lines, int creates, int updates, int unchanged, int errors)
        implements Serializable {

    public enum Action {
        CREATE,
        UPDATE,
        UNCHANGED,
        ERROR
    }

    /** What one line does (or would do): what it is about (a site's or store's name), its changes or problems. */
    public record Line(int line, String name, Action action, List<Text> changes, List<Text> problems)
            implements Serializable {}

    /** The lines of a file as they are looked at, one after the other. */
    static final class Tally {
        private final List<Line> lines = new ArrayList<>();
        private final int[] counts = new int[Action.values().length];

        /** Notes a line: an error when it has problems, else a create, an update, or nothing to change. */
        Action add(int line, String name, boolean isNew, List<Text> changes, List<Text> problems) {
            Action action = !problems.isEmpty()
                    ? Action.ERROR
                    : isNew ? Action.CREATE : changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
            counts[action.ordinal()]++;
            lines.add(new Line(line, name, action, changes, problems));
            return action;
        }

        ImportPlan plan() {
            return new ImportPlan(
                    lines,
                    counts[Action.CREATE.ordinal()],
                    counts[Action.UPDATE.ordinal()],
                    counts[Action.UNCHANGED.ordinal()],
                    counts[Action.ERROR.ordinal()]);
        }
    }

    /** Refuses the file when a line has a problem, with every line's problems ({@code field} "line N"). */
    void refuseIfWrong() {
        if (errors == 0) {
            return;
        }
        List<RuleViolation.Problem> problems = new ArrayList<>();
        for (Line outcome : lines) {
            for (Text problem : outcome.problems()) {
                problems.add(new RuleViolation.Problem("line " + outcome.line(), problem));
            }
        }
        throw new RuleViolation(problems);
    }

    /** Refuses a file of more than {@code max} lines. */
    static void requireAtMost(int lines, int max) {
        if (lines > max) {
            throw new RuleViolation(Text.of("import.tooManyLines", max));
        }
    }

    /** In slices of a thousand, for queries that look up what the lines name. */
    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 1000) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 1000)));
        }
        return chunks;
    }

    /** Notes a field's change, in the words the preview shows. */
    static void compare(List<Text> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(Text.of("import.change.field", field, String.valueOf(before), String.valueOf(after)));
        }
    }

    /** A whole number of the line, null when empty; a problem when it is not one. */
    static Long number(String text, String column, List<Text> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.add(Text.of("import.notANumber", column, text.strip()));
            return null;
        }
    }

    static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
