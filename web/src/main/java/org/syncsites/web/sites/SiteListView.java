package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.primefaces.event.SelectEvent;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteOrder;
import org.syncsites.siteadmin.SiteSelection;
import org.syncsites.siteadmin.SiteSummary;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.PagedRows;

/**
 * The site list (mSupply's Special > Show Sites...): loaded a page at a time, so it stays fast with many sites.
 * The central server's site is always first; the "X/Y" count shows matching over total.
 */
@Named
@ViewScoped
public class SiteListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteAdministration sites;

    @EJB
    private ResyncMonitor resyncs;

    private String filter = "";
    /** Only the remote sites in this state (the dashboard's links, the state menu), or all sites. */
    private SiteState state;
    /** Only the sites whose device runs this version of its app, or all (blank). */
    private String appVersion = "";

    private SiteSummary selected;
    private final PagedRows<SiteSummary> model = new PagedRows<>(this::page, SiteSummary::id);
    private transient Map<Long, ResyncProgress> running;

    public PagedRows<SiteSummary> getModel() {
        return model;
    }

    private ListPage<SiteSummary> page(int offset, int limit, PagedRows.Sort sort) {
        running = null;
        SiteOrder order = sort == null
                ? SiteOrder.NAME
                : Arrays.stream(SiteOrder.values())
                        .filter(o -> o.name().equals(sort.field()))
                        .findFirst()
                        .orElse(SiteOrder.NAME);
        return sites.list(selection(), order, sort != null && sort.descending(), offset, limit);
    }

    /** The sites the list shows, as its filters say. */
    SiteSelection selection() {
        return new SiteSelection(filter, state, appVersion);
    }

    public void search() {
        selected = null;
    }

    /** Double-click: open the site window. */
    public void open(SelectEvent<SiteSummary> event) throws IOException {
        FacesContext.getCurrentInstance()
                .getExternalContext()
                .redirect("site.xhtml?id=" + event.getObject().id());
    }

    public void delete() {
        if (selected == null) {
            Messages.error(Messages.say("sites.delete.noneSelected"));
            return;
        }
        try {
            sites.delete(selected.id());
            Messages.info("Site '" + selected.name() + "' was deleted.");
            selected = null;
        } catch (RuleViolation e) {
            Messages.show(e, "sites");
        }
    }

    /** The unfinished store resync of a site, or null. */
    public ResyncProgress runningResync(long siteId) {
        if (running == null) {
            running = resyncs.unfinished().stream()
                    .collect(Collectors.toMap(ResyncProgress::siteId, Function.identity(), (a, b) -> a));
        }
        return running.get(siteId);
    }

    public String getCount() {
        return model.getCount();
    }

    /** The CSV export of what the list shows (the same filters). */
    public String getExportAddress() {
        String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/api/admin/sites/export.csv?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)
                + (state == null ? "" : "&state=" + state.name())
                + (appVersion.isBlank() ? "" : "&appVersion=" + URLEncoder.encode(appVersion, StandardCharsets.UTF_8));
    }

    public List<SiteState> getStates() {
        return List.of(SiteState.values());
    }

    public SiteState getState() {
        return state;
    }

    public void setState(SiteState state) {
        this.state = state;
    }

    /** The state as the page's address names it ({@code sites.xhtml?state=CRITICAL}); an unknown name shows all. */
    public String getStateName() {
        return state == null ? null : state.name();
    }

    public void setStateName(String name) {
        this.state = Arrays.stream(SiteState.values())
                .filter(s -> s.name().equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter == null ? "" : filter;
    }

    public String getAppVersion() {
        return appVersion;
    }

    public void setAppVersion(String appVersion) {
        this.appVersion = appVersion == null ? "" : appVersion;
    }

    public SiteSummary getSelected() {
        return selected;
    }

    public void setSelected(SiteSummary selected) {
        this.selected = selected;
    }
}
