package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.syncsites.siteadmin.ImportPlan;
import org.syncsites.siteadmin.SiteImport;
import org.syncsites.web.faces.FileImportView;
import org.syncsites.web.rest.SiteFile;

/**
 * The page that creates and updates sites from a CSV file ({@link FileImportView}); passwords generated for new
 * sites are shown here once.
 */
@Named
@ViewScoped
public class SiteImportView extends FileImportView {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteImport siteImport;

    private Map<String, String> generatedPasswords;

    @Override
    protected ImportPlan preview(String csv) {
        generatedPasswords = null;
        return siteImport.preview(SiteFile.lines(csv));
    }

    @Override
    protected ImportPlan apply(String csv) {
        SiteImport.Applied applied = siteImport.apply(SiteFile.lines(csv));
        generatedPasswords = applied.generatedPasswords();
        return applied.plan();
    }

    public List<Map.Entry<String, String>> getPasswords() {
        return generatedPasswords == null ? List.of() : List.copyOf(generatedPasswords.entrySet());
    }
}
