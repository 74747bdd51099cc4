package org.syncsites.web.stores;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.RuleViolation;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.web.faces.Messages;

import java.io.Serializable;
import java.util.List;

/** The stores page: every store with the site it is active on; admins create stores here. */
@Named
@ViewScoped
public class StoreListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private StoreAdministration stores;

    private String filter = "";
    private String newCode = "";
    private String newName = "";
    private transient List<StoreSummary> rows;

    public List<StoreSummary> getRows() {
        if (rows == null) {
            rows = stores.list(filter);
        }
        return rows;
    }

    public void search() {
        rows = null;
    }

    public void create() {
        try {
            StoreSummary created = stores.create(newCode, newName);
            Messages.info("Store " + created.name() + " (" + created.code() + ") was created on the central server.");
            newCode = "";
            newName = "";
            rows = null;
            PrimeFaces.current().executeScript("PF('newStoreDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "newStoreForm");
        }
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter == null ? "" : filter;
    }

    public String getNewCode() {
        return newCode;
    }

    public void setNewCode(String newCode) {
        this.newCode = newCode == null ? "" : newCode;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName == null ? "" : newName;
    }
}
