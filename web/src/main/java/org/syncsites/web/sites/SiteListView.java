package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.event.SelectEvent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.syncsites.platform.RuleViolation;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SitePage;
import org.syncsites.siteadmin.SiteSummary;
import org.syncsites.web.faces.Messages;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The site list (seed: Special > Show Sites...): loaded a page at a time, so it stays fast with many sites.
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
    private SiteSummary selected;
    private long matching;
    private long total;
    private final LazyDataModel<SiteSummary> model = new Model();
    private transient Map<Long, ResyncProgress> running;

    public LazyDataModel<SiteSummary> getModel() {
        return model;
    }

    public void search() {
        selected = null;
    }

    /** Double-click: open the site window. */
    public void open(SelectEvent<SiteSummary> event) throws IOException {
        FacesContext.getCurrentInstance().getExternalContext().redirect("site.xhtml?id=" + event.getObject().id());
    }

    public void delete() {
        if (selected == null) {
            Messages.error("Select the site to delete first.");
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
        return matching + "/" + total;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter == null ? "" : filter;
    }

    public SiteSummary getSelected() {
        return selected;
    }

    public void setSelected(SiteSummary selected) {
        this.selected = selected;
    }

    private final class Model extends LazyDataModel<SiteSummary> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            SitePage page = sites.list(filter, 0, 1);
            matching = page.matching();
            total = page.total();
            return (int) matching;
        }

        @Override
        public List<SiteSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            running = null;
            SitePage page = sites.list(filter, first, pageSize);
            matching = page.matching();
            total = page.total();
            setRowCount((int) matching);
            return page.rows();
        }

        @Override
        public String getRowKey(SiteSummary site) {
            return Long.toString(site.id());
        }

        @Override
        public SiteSummary getRowData(String rowKey) {
            for (SiteSummary site : getWrappedData()) {
                if (Long.toString(site.id()).equals(rowKey)) {
                    return site;
                }
            }
            return null;
        }
    }
}
