package org.syncsites.site;

import java.io.Serializable;
import java.util.List;
import org.syncsites.platform.Text;

/**
 * What "Check connection" found about a site's connection, line by line: what works and what does not, in words
 * of the bundle. The central checks a remote site's device (siteadmin); a remote site checks its central (remote).
 */
public record ConnectionReport(List<Line> lines, String untrustedCertificate) implements Serializable {

    /**
     * @param untrustedCertificate the SHA-256 fingerprint of the certificate presented and not trusted (a remote site
     *     checking its central), which an administrator may compare and trust; null when none
     */
    public ConnectionReport {}

    public ConnectionReport(List<Line> lines) {
        this(lines, null);
    }

    public record Line(boolean ok, Text text) implements Serializable {

        /** The line in English (the API's language). */
        public String english() {
            return text.english();
        }
    }

    public boolean allGood() {
        return lines.stream().allMatch(Line::ok);
    }
}
