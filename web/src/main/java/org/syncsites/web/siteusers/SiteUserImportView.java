package org.syncsites.web.siteusers;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import org.syncsites.platform.RuleViolation;
import org.syncsites.siteusers.SiteUserImport;
import org.syncsites.web.faces.FileImportView;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.rest.SiteUserFile;

/**
 * The page that imports site users and their store access from a CSV file (the export's columns): checked first,
 * user by user, then applied in one transaction, or not at all.
 */
@Named
@ViewScoped
public class SiteUserImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteUserImport siteUserImport;

    private transient Part file;
    private String csv;
    private String fileName;
    private SiteUserImport.Plan plan;

    /** Reads the chosen file and shows what it would do; nothing changes. */
    public void preview() {
        plan = null;
        csv = FileImportView.read(file);
        if (csv == null) {
            return;
        }
        fileName = file.getSubmittedFileName();
        try {
            plan = siteUserImport.preview(SiteUserFile.lines(csv));
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    /** Applies the file checked: every user, or none. */
    public void apply() {
        if (csv == null) {
            return;
        }
        try {
            plan = siteUserImport.apply(SiteUserFile.lines(csv));
            csv = null;
            Messages.info(Messages.say("siteUserImport.applied", plan.created(), plan.changed()));
        } catch (RuleViolation e) {
            Messages.show(e, "import");
        }
    }

    public boolean isApplicable() {
        return plan != null
                && csv != null
                && !plan.applied()
                && plan.problems().isEmpty()
                && plan.created() + plan.changed() > 0;
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

    public SiteUserImport.Plan getPlan() {
        return plan;
    }
}
