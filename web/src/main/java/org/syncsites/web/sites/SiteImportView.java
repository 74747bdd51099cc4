package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import org.syncsites.platform.RuleViolation;
import org.syncsites.siteadmin.SiteImport;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.rest.SiteFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The page that creates and updates sites from a CSV file: the admin chooses a file and sees what each line would
 * do (nothing changes yet), then applies it, every line or none; passwords generated for new sites are shown here
 * once.
 */
@Named
@ViewScoped
public class SiteImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A larger file is refused before it is read: 20,000 lines of a few hundred characters. */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    @EJB
    private SiteImport siteImport;

    private transient Part file;
    private String fileName;
    private String csv;
    private SiteImport.Plan plan;
    private Map<String, String> generatedPasswords;

    /** Reads the chosen file and shows what it would do. */
    public void preview() {
        generatedPasswords = null;
        plan = null;
        if (file == null || file.getSize() == 0) {
            Messages.error(Messages.say("import.chooseFile"));
            return;
        }
        if (file.getSize() > MAX_BYTES) {
            Messages.error(Messages.say("import.tooLarge", MAX_BYTES / 1024 / 1024));
            return;
        }
        try (InputStream in = file.getInputStream()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            fileName = file.getSubmittedFileName();
        } catch (IOException e) {
            Messages.error(Messages.say("import.unreadable", e.getMessage()));
            return;
        }
        try {
            plan = siteImport.preview(SiteFile.lines(csv));
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    /** Applies the file previewed: every line, or none. */
    public void apply() {
        try {
            SiteImport.Applied applied = siteImport.apply(SiteFile.lines(csv));
            plan = applied.plan();
            generatedPasswords = applied.generatedPasswords();
            csv = null;
            Messages.info(Messages.say("import.applied", plan.creates(), plan.updates()));
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    public boolean isApplicable() {
        return plan != null && csv != null && plan.errors() == 0 && plan.creates() + plan.updates() > 0;
    }

    public List<Map.Entry<String, String>> getPasswords() {
        return generatedPasswords == null ? List.of() : List.copyOf(generatedPasswords.entrySet());
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

    public SiteImport.Plan getPlan() {
        return plan;
    }

    public boolean isApplied() {
        return generatedPasswords != null;
    }
}
