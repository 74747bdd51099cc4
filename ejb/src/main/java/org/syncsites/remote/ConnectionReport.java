package org.syncsites.remote;

import java.io.Serializable;
import java.util.List;

/** What "Check connection" found, line by line in words: what works and what does not. */
public record ConnectionReport(List<Line> lines) implements Serializable {

    public record Line(boolean ok, String text) implements Serializable {
    }

    public boolean allGood() {
        return lines.stream().allMatch(Line::ok);
    }
}
