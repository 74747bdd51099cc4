package org.syncsites.web.faces;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.syncsites.platform.RuleViolation;
import org.syncsites.siteadmin.ImportPlan;

/**
 * What the pages that import a CSV file share (sites, stores): the admin chooses a file and sees what each line
 * would do (nothing changes yet), then applies it, every line or none. The page is {@code import.xhtml} with the
 * plan of {@code /WEB-INF/includes/import-plan.xhtml}; a subclass says how its file is previewed and applied.
 */
public abstract class FileImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A larger file is refused before it is read: 20,000 lines of a few hundred characters. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private transient Part file;
    private String fileName;
    private String csv;
    private ImportPlan plan;
    private boolean applied;

    /** What the file would do; nothing changes. */
    protected abstract ImportPlan preview(String csv);

    /** Applies the file, every line or none (a {@link RuleViolation} then). */
    protected abstract ImportPlan apply(String csv);

    /** Reads the chosen file and shows what it would do. */
    public void preview() {
        applied = false;
        plan = null;
        csv = read(file);
        if (csv == null) {
            return;
        }
        fileName = file.getSubmittedFileName();
        try {
            plan = preview(csv);
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    /**
     * The text of the file the admin chose (UTF-8), or null when there is none, it is over {@link #MAX_BYTES} or it
     * cannot be read: then the page says so.
     */
    public static String read(Part file) {
        if (file == null || file.getSize() == 0) {
            Messages.error(Messages.say("import.chooseFile"));
            return null;
        }
        if (file.getSize() > MAX_BYTES) {
            Messages.error(Messages.say("import.tooLarge", MAX_BYTES / 1024 / 1024));
            return null;
        }
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Messages.error(Messages.say("import.unreadable", e.getMessage()));
            return null;
        }
    }

    /** Applies the file previewed: every line, or none. */
    public void apply() {
        try {
            plan = apply(csv);
            applied = true;
            csv = null;
            Messages.info(Messages.say("import.applied", plan.creates(), plan.updates()));
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    public boolean isApplicable() {
        return plan != null && csv != null && plan.errors() == 0 && plan.creates() + plan.updates() > 0;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public String getFileName() {
        return fileName;
    }

    public ImportPlan getPlan() {
        return plan;
    }

    public boolean isApplied() {
        return applied;
    }
}
