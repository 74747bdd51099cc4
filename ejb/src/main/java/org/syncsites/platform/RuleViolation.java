package org.syncsites.platform;

import jakarta.ejb.ApplicationException;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A change refused by one of the product's rules. Each {@link Problem} says what was wrong and what to do, in
 * words for the person who asked for the change (a {@link Text}, rendered in their language), and names the input it concerns, if any, so that a page can
 * show it next to that input. Nothing of the refused change is saved (the transaction rolls back).
 */
@ApplicationException(rollback = true)
public class RuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One refused value or condition. {@code field} is null when it concerns the change as a whole. */
    public record Problem(String field, Text text) implements Serializable {

        /** The problem in English (the log's language). */
        public String message() {
            return text.english();
        }
    }

    private final List<Problem> problems;

    public RuleViolation(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    public RuleViolation(String field, Text text) {
        this(List.of(new Problem(field, text)));
    }

    public RuleViolation(Text text) {
        this(null, text);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The input the first problem concerns (e.g. "name"), or null. */
    public String field() {
        return problems.get(0).field();
    }
}
