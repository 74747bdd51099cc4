package org.syncsites.web.stores;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.syncsites.siteadmin.ImportPlan;
import org.syncsites.siteadmin.StoreImport;
import org.syncsites.web.faces.FileImportView;
import org.syncsites.web.rest.StoreFile;

/** The page that creates, renames and moves stores from a CSV file ({@link FileImportView}). */
@Named
@ViewScoped
public class StoreImportView extends FileImportView {

    private static final long serialVersionUID = 1L;

    @EJB
    private StoreImport storeImport;

    @Override
    protected ImportPlan preview(String csv) {
        return storeImport.preview(StoreFile.lines(csv));
    }

    @Override
    protected ImportPlan apply(String csv) {
        return storeImport.apply(StoreFile.lines(csv));
    }
}
