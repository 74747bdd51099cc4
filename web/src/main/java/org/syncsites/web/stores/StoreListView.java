package org.syncsites.web.stores;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.primefaces.PrimeFaces;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.PagedRows;

/** The stores page: every store with the site it is active on, a page at a time; admins create stores here. */
@Named
@ViewScoped
public class StoreListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private StoreAdministration stores;

    private String filter = "";
    /** The store the edit window shows, as the list read it, and what the window's fields hold. */
    private StoreSummary editing;

    private String mode = "store";
    private boolean disabled;
    private String legacyId = "";
    private String legacyNameId = "";
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

    /** Opens the edit window on a store of the list. */
    public void edit(StoreSummary store) {
        editing = store;
        mode = store.mode();
        disabled = store.disabled();
        legacyId = store.legacyId() == null ? "" : store.legacyId();
        legacyNameId = store.nameId();
    }

    /**
     * Saves what open-mSupply's sites see of the store: its identity first (which may be refused: an ID another
     * store has), then its mode.
     */
    public void save() {
        if (editing == null) {
            return;
        }
        try {
            stores.setLegacyIdentity(editing.id(), legacyId, legacyNameId);
            StoreSummary saved = stores.setMode(editing.id(), mode, disabled);
            Messages.info(Messages.say("stores.saved", saved.name(), saved.code()));
            PrimeFaces.current().executeScript("PF('storeDialog').hide()");
        } catch (RuleViolation e) {
            Messages.show(e, "storeForm");
        }
    }

    public StoreSummary getEditing() {
        return editing;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public String getLegacyId() {
        return legacyId;
    }

    public void setLegacyId(String legacyId) {
        this.legacyId = legacyId == null ? "" : legacyId;
    }

    public String getLegacyNameId() {
        return legacyNameId;
    }

    public void setLegacyNameId(String legacyNameId) {
        this.legacyNameId = legacyNameId == null ? "" : legacyNameId;
    }

    /** The CSV export of what the list shows (the same filter): GET /api/admin/stores/export.csv. */
    public String getExportAddress() {
        String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/api/admin/stores/export.csv?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
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
