package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.syncsites.site.SiteAdministration;
import org.syncsites.site.SitePage;

import java.io.Serializable;

/** The site list: filter and page, read from {@link SiteAdministration}. */
@Named
@ViewScoped
public class SiteListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteAdministration sites;

    private String filter = "";
    private transient SitePage page;

    public SitePage getPage() {
        if (page == null) {
            page = sites.list(filter, 0, 100);
        }
        return page;
    }

    public void search() {
        page = null;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }
}
