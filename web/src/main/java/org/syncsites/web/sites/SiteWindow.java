package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.primefaces.PrimeFaces;
import org.primefaces.event.SelectEvent;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.site.SiteRules;
import org.syncsites.site.SiteSettings;
import org.syncsites.site.SiteType;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.siteadmin.SiteWarning;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.SyncSettingsInput;
import org.syncsites.web.faces.ThisRequest;
import org.syncsites.web.session.CurrentUser;

/**
 * The site window, for a new site or an existing one. Nothing is saved until OK: value changes, a new password
 * and store additions and removals are kept here and sent as one change set, applied all at once by
 * {@link SiteAdministration}. Cancel simply leaves: nothing was ever written. What the panels do acts at once, as
 * buttons of their own (after a confirmation): the device (SiteDevicePanel), sync (SiteSyncPanel), alerts
 * (SiteAlertsPanel) and pushed data (SiteIntegrationPanel).
 */
@Named
@ViewScoped
public class SiteWindow implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteAdministration sites;

    @EJB
    private StoreAdministration stores;

    @Inject
    private CurrentUser currentUser;

    private Long siteId;
    private SiteDetails original;

    // the window's inputs
    private String code = "";
    private String name = "";
    private boolean activeOnDatafile;
    /** How many stores the Add store picker lists at most. */
    static final int PICKER_SIZE = 100;

    private final SyncSettingsInput sync = new SyncSettingsInput();

    {
        sync.fill(
                "", SiteRules.DEFAULT_SYNC_INTERVAL_MINUTES, SiteRules.DEFAULT_SYNC_REQUEST_SIZE, false); // a new site
    }

    private String newPassword = "";
    private String confirmPassword = "";

    // store changes waiting for OK
    private final List<StoreSummary> storesShown = new ArrayList<>();
    private final Set<Long> storesToAdd = new LinkedHashSet<>();
    private final Set<Long> storesToRemove = new LinkedHashSet<>();
    private StoreSummary selectedStore;
    private StoreSummary storeToAdd;
    private String storeFilter = "";

    private List<SiteWarning> warnings = List.of();

    /** Reads the site named by the page's "id" parameter, or prepares a new one. */
    public void load() {
        if (original != null || siteId == null) {
            return;
        }
        try {
            show(sites.get(siteId));
        } catch (NotFound e) {
            Messages.show(e, "site");
            siteId = null;
        }
    }

    private void show(SiteDetails details) {
        original = details;
        SiteSettings s = details.settings();
        code = s.code();
        name = s.name();
        activeOnDatafile = s.activeOnDatafile();
        sync.fill(s.serverUrl(), s.syncIntervalMinutes(), s.syncRequestSize(), s.alternativeHttpClient());
        storesShown.clear();
        storesShown.addAll(details.stores());
        storesToAdd.clear();
        storesToRemove.clear();
    }

    // ------------------------------------------------------------------ stores

    /** The stores that may be added: all stores not shown on this site already. */
    /** The first {@value #PICKER_SIZE} stores that match the filter and are not on the site yet. */
    public List<StoreSummary> getAddableStores() {
        List<StoreSummary> addable = matchingStoresNotShown();
        return addable.size() > PICKER_SIZE ? addable.subList(0, PICKER_SIZE) : addable;
    }

    /** More stores match than the picker shows: the page asks for a narrower filter. */
    public boolean isMoreStoresThanShown() {
        return matchingStoresNotShown().size() > PICKER_SIZE;
    }

    private List<StoreSummary> matchingStoresNotShown() {
        Set<Long> shown = new LinkedHashSet<>();
        storesShown.forEach(s -> shown.add(s.id()));
        // one more than the picker shows, beyond those on the site, tells whether there are more
        return ThisRequest.<List<StoreSummary>>once(
                        "siteWindow.addableStores:" + storeFilter,
                        () -> stores.list(storeFilter, PICKER_SIZE + shown.size() + 1))
                .stream()
                .filter(s -> !shown.contains(s.id()))
                .toList();
    }

    public void storePicked(SelectEvent<StoreSummary> event) {
        storeToAdd = event.getObject();
        addStore();
    }

    /** Adds the store chosen in the Add store list (as in mSupply: double-click a store, or highlight one and OK). */
    public void addStore() {
        if (storeToAdd == null) {
            Messages.error(Messages.say("site.addStore.noneSelected"));
            return;
        }
        Text problem = SiteRules.storeCapacityProblem(getType(), name, storesShown.size() + 1L);
        if (problem != null) {
            Messages.error("site:stores", problem);
            PrimeFaces.current().executeScript("PF('addStoreDialog').hide()");
            return;
        }
        StoreSummary store = storeToAdd;
        if (!storesToRemove.remove(store.id())) {
            storesToAdd.add(store.id());
        }
        storesShown.add(store);
        storeToAdd = null;
        PrimeFaces.current().executeScript("PF('addStoreDialog').hide()");
    }

    /** Takes the highlighted store off the site (it will move to the central server on OK). */
    public void removeStore() {
        if (selectedStore == null) {
            Messages.error("site:stores", Messages.say("site.stores.remove.noneSelected"));
            return;
        }
        if (!storesToAdd.remove(selectedStore.id())) {
            storesToRemove.add(selectedStore.id());
        }
        storesShown.removeIf(s -> s.id() == selectedStore.id());
        selectedStore = null;
    }

    public boolean isPending(StoreSummary store) {
        return storesToAdd.contains(store.id());
    }

    // ------------------------------------------------------------------ OK / Cancel

    /** OK: shows the warnings first if there are any; otherwise saves. */
    public String ok() {
        if (!newPassword.isEmpty() && !newPassword.equals(confirmPassword)) {
            Messages.error("site:confirmPassword", Messages.say("site.password.differ"));
            return null;
        }
        if (sync.getSyncIntervalMinutes() == null || sync.getSyncRequestSize() == null) {
            Messages.error(Messages.say("site.syncSettings.missing"));
            return null;
        }
        try {
            warnings = sites.warningsFor(changeSet());
        } catch (RuleViolation e) {
            Messages.show(e, "site");
            return null;
        }
        if (!warnings.isEmpty()) {
            PrimeFaces.current().ajax().update("warningsForm");
            PrimeFaces.current().executeScript("PF('warningsDialog').show()");
            return null;
        }
        return save();
    }

    /** Saves the whole change set in one transaction. */
    public String save() {
        try {
            SiteDetails saved = original == null ? sites.create(changeSet()) : sites.update(changeSet());
            Messages.info(Messages.say(
                    storesToAdd.isEmpty() || saved.central() ? "site.saved" : "site.saved.storesQueued", saved.name()));
            Messages.keepForNextPage();
            return "site?faces-redirect=true&id=" + saved.id();
        } catch (RuleViolation e) { // an edit conflict among them
            Messages.show(e, "site");
        }
        return null;
    }

    public String cancel() {
        return "sites?faces-redirect=true";
    }

    private SiteChangeSet changeSet() {
        SiteSettings settings = new SiteSettings(
                code,
                name,
                activeOnDatafile,
                sync.isAlternativeHttpClient(),
                sync.interval(),
                sync.requestSize(),
                sync.getServerUrl());
        return new SiteChangeSet(
                original == null ? null : original.id(),
                original == null ? 0 : original.version(),
                settings,
                newPassword.isEmpty() ? null : newPassword,
                storesToAdd,
                storesToRemove);
    }

    // ------------------------------------------------------------------ immediate actions, from the panels

    public long id() {
        return original.id();
    }

    /**
     * An action of one of the window's panels was done at once (after its confirmation): the window shows the site
     * as it is now, and says whether somebody else changed it meanwhile. {@code versions}: by how much the action
     * itself moves the site's version, 1 when it changes the site as the admin's save would (pause, alert mute, the
     * open-mSupply central), 0 when it changes only what the site's device did (its binding, block, initialisation);
     * a larger step is somebody else's save, and the window keeps its own copy so as not to save over it.
     */
    public void applied(Supplier<SiteDetails> action, String done, int versions) {
        try {
            SiteDetails after = action.get();
            if (after.version() <= original.version() + versions) {
                original = after; // only this action changed the site: the pending edits still apply to it
            } else {
                Messages.warn(Messages.say("site.changedMeanwhile"));
            }
            Messages.info(done);
        } catch (RuleViolation e) {
            Messages.show(e, "site");
        }
    }

    // ------------------------------------------------------------------ what the page shows

    public boolean isReadOnly() {
        return !currentUser.isMayEdit();
    }

    public boolean isNew() {
        return original == null;
    }

    public SiteDetails getOriginal() {
        return original;
    }

    public SiteType getType() {
        return original == null ? SiteType.STANDALONE : original.type();
    }

    public boolean isCentral() {
        return original != null && original.central();
    }

    public String getTitle() {
        return original == null
                ? Messages.say("site.new")
                : Messages.say("site.title", Long.toString(original.id()), original.name());
    }

    /** The stores the window adds to the site on OK. */
    Set<Long> pendingAdditions() {
        return Set.copyOf(storesToAdd);
    }

    public List<StoreSummary> getStoresShown() {
        return storesShown;
    }

    public List<SiteWarning> getWarnings() {
        return warnings;
    }

    public Long getSiteId() {
        return siteId;
    }

    public void setSiteId(Long siteId) {
        this.siteId = siteId;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code == null ? "" : code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public boolean isActiveOnDatafile() {
        return activeOnDatafile;
    }

    public void setActiveOnDatafile(boolean activeOnDatafile) {
        this.activeOnDatafile = activeOnDatafile;
    }

    /** The sync settings' inputs. */
    public SyncSettingsInput getSync() {
        return sync;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword == null ? "" : newPassword;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword == null ? "" : confirmPassword;
    }

    public StoreSummary getSelectedStore() {
        return selectedStore;
    }

    public void setSelectedStore(StoreSummary selectedStore) {
        this.selectedStore = selectedStore;
    }

    public StoreSummary getStoreToAdd() {
        return storeToAdd;
    }

    public void setStoreToAdd(StoreSummary storeToAdd) {
        this.storeToAdd = storeToAdd;
    }

    public String getStoreFilter() {
        return storeFilter;
    }

    public void setStoreFilter(String storeFilter) {
        this.storeFilter = storeFilter == null ? "" : storeFilter;
    }
}
