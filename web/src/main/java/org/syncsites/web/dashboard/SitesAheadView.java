package org.syncsites.web.dashboard;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.syncsites.site.SitesAhead;
import org.syncsites.site.SitesAhead.Ahead;

/**
 * The dashboard's panel of the sites found ahead of this database (as after a restore from a backup): each with what
 * the central lost and a link to the site, where an editor re-initialises it. Shown only while there are some.
 */
@Named
@ViewScoped
public class SitesAheadView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SitesAhead sitesAhead;

    private List<Ahead> list;

    @PostConstruct
    void load() {
        list = sitesAhead.list();
    }

    public List<Ahead> getList() {
        return list;
    }
}
