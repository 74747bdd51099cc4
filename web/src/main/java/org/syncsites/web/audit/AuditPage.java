package org.syncsites.web.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;

/** The audit page: the most recent changes. */
@Named("auditPage")
@RequestScoped
public class AuditPage {

    @EJB
    private AuditTrail audit;

    private List<AuditView> rows;

    public List<AuditView> getRows() {
        if (rows == null) {
            rows = audit.recent(300);
        }
        return rows;
    }
}
