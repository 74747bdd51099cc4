package org.syncsites.firststart;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;
import org.syncsites.audit.AuditTrail;
import org.syncsites.security.Permission;
import org.syncsites.security.RandomPasswords;
import org.syncsites.site.CentralSite;
import org.syncsites.site.Site;
import org.syncsites.store.StoreDirectory;
import org.syncsites.user.PasswordPolicy;
import org.syncsites.user.UserAccount;

/**
 * What an empty database needs before anyone can use it: the central server's own site, and a first
 * administrator. The administrator's password comes from the environment variable
 * {@value #ADMIN_PASSWORD_VARIABLE}; without it, a random one is generated and printed once in the server log.
 * There is no fixed default password.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class FirstStart {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD_VARIABLE = "SYNCSITES_ADMIN_PASSWORD";
    public static final String CENTRAL_SITE_NAME_VARIABLE = "SYNCSITES_CENTRAL_SITE_NAME";
    static final String DEFAULT_CENTRAL_SITE_NAME = "Central server";

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private CentralSite centralSite;

    @EJB
    private AuditTrail audit;

    @PostConstruct
    void prepareEmptyDatabase() {
        if (!centralSite.exists()) {
            String name = setting(CENTRAL_SITE_NAME_VARIABLE, DEFAULT_CENTRAL_SITE_NAME);
            Site site = Site.centralSite(name, Instant.now());
            em.persist(site);
            em.flush();
            audit.record(AuditTrail.Action.SITE_CREATED, "Site", site.getId(), site.label(), null, null, null);
            LOG.info(() -> "First start: created the central server's site '" + name + "'");
        }
        // stores made before they had a name record (migration V20): published once in open-mSupply's shape
        StoreDirectory.publish(
                em,
                "NOT EXISTS (SELECT 1 FROM master_record n WHERE n.table_name = '" + StoreDirectory.NAME_TABLE
                        + "' AND n.record_id = st.name_id)");
        boolean noUser =
                em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult() == 0;
        if (noUser) {
            createFirstAdministrator();
        }
    }

    private void createFirstAdministrator() {
        String given = System.getenv(ADMIN_PASSWORD_VARIABLE);
        boolean generated = given == null || given.isBlank();
        if (!generated) {
            PasswordPolicy.problem(ADMIN_USERNAME, given).ifPresent(problem -> {
                throw new IllegalStateException(
                        ADMIN_PASSWORD_VARIABLE + " is not accepted as the first administrator's "
                                + "password: " + problem.english()
                                + " Set another value and start again, or unset it to have one "
                                + "generated.");
            });
        }
        String password = generated ? RandomPasswords.next() : given;
        UserAccount admin = new UserAccount(ADMIN_USERNAME, "Administrator", password, Instant.now());
        admin.grantInitially(Permission.EDIT_SYNC_SETTINGS);
        if (generated) {
            admin.requirePasswordChange();
        }
        em.persist(admin);
        em.flush();
        audit.record(AuditTrail.Action.USER_CREATED, "User", admin.id(), ADMIN_USERNAME, null, null, null);
        if (generated) {
            LOG.warning(() -> "\n"
                    + "  ==================================================================================\n"
                    + "  Sync Sites first start: created the administrator account.\n"
                    + "      user name: " + ADMIN_USERNAME + "\n"
                    + "      password:  " + password + "\n"
                    + "  This password is shown only this once and works only until you first sign in:\n"
                    + "  you are then asked to choose your own. Or set " + ADMIN_PASSWORD_VARIABLE + "\n"
                    + "  before the first start to choose it.\n"
                    + "  ==================================================================================");
        } else {
            LOG.info(() -> "First start: created the administrator '" + ADMIN_USERNAME + "' with the password from "
                    + ADMIN_PASSWORD_VARIABLE);
        }
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
