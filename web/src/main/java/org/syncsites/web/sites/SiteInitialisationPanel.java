package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.syncsites.resync.InitialisationPreview;
import org.syncsites.resync.InitialisationPreview.Part;
import org.syncsites.resync.InitialisationPreview.TableCount;
import org.syncsites.siteadmin.SiteSyncControl;

/**
 * The site window's first-sync panel: what the site's device downloads when it initialises, or, while stores wait to
 * be added (before OK), what adding them brings; per store and table, in all, and how long it takes at 2G, 3G and the
 * admin's own link.
 */
@Named("siteInitialisation")
@ViewScoped
public class SiteInitialisationPanel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The link a preview is timed on unless the admin says otherwise: 2 Mbit/s. */
    private static final int DEFAULT_KBPS = 2_000;

    @EJB
    private SiteSyncControl syncControl;

    @Inject
    private SiteWindow window;

    private int kbps = DEFAULT_KBPS;
    private InitialisationPreview.Preview preview;
    private boolean ofAdditions;

    public void show() {
        ofAdditions = !window.pendingAdditions().isEmpty();
        preview = syncControl.initialisationPreview(window.id(), window.pendingAdditions(), Math.max(1, kbps));
    }

    /** One line per part and table, the part named on its first line. */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        if (preview != null) {
            for (Part part : preview.parts()) {
                boolean first = true;
                for (TableCount table : part.tables()) {
                    rows.add(new Row(first ? part : null, table));
                    first = false;
                }
            }
        }
        return rows;
    }

    public InitialisationPreview.Preview getPreview() {
        return preview;
    }

    public boolean isOfAdditions() {
        return ofAdditions;
    }

    public int getKbps() {
        return kbps;
    }

    public void setKbps(int kbps) {
        this.kbps = kbps;
    }

    /** A table of one part of the download; {@code part} only on the part's first line. */
    public record Row(Part part, TableCount table) implements Serializable {}
}
