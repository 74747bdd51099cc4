package org.syncsites.web.stores;

import jakarta.faces.context.FacesContext;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.PagedRows;

import java.io.Serializable;

/** The stores page: every store with the site it is active on, a page at a time; admins create stores here. */
@Named
@ViewScoped
public class StoreListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private StoreAdministration stores;

    private String filter = "";
    private String newCode = "";
    private String newName = "";
    private final PagedRows<StoreSummary> rows = new PagedRows<>(this::page, StoreSummary::id);

    public PagedRows<StoreSummary> getRows() {
        return rows;
    }

    private ListPage<StoreSummary> page(int offset, int limit) {
        return stores.list(filter, offset, limit);
    }


    public void create() {
        try {
            StoreSummary created = stores.create(newCode, newName);
            Messages.info(Messages.say("stores.created", created.name(), created.code()));
            newCode = "";
            newName = "";
            PrimeFaces.current().executeScript("PF('newStoreDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "newStoreForm");
        }
    }

    /** The CSV export of what the list shows (the same filter): GET /api/admin/stores/export.csv. */
    public String getExportAddress() {
        String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/api/admin/stores/export.csv?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8);
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
