package org.syncsites.remote;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.HttpReply;
import org.syncsites.remote.http.SyncTransport;
import org.syncsites.security.OwnCertificate;
import org.syncsites.security.PinnedCertificate;
import org.syncsites.security.Roles;
import org.syncsites.site.CentralSite;
import org.syncsites.site.ConnectionReport;
import org.syncsites.site.Site;
import org.syncsites.site.SiteRules;
import org.syncsites.site.SiteSettings;
import org.syncsites.syncv5.ConnectionCheck;
import org.syncsites.syncv5.SyncV5;
import org.syncsites.syncv5.SyncV5Json;

/**
 * Sets this datafile up as a remote site of a central server, checks the connection, and starts a sync on
 * demand. The settings live on the own site (name, server URL, interval, request size, HTTP client) and in its
 * {@link RemoteLink} (the password's SHA-256, which the protocol presents).
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class RemoteSetup {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private CentralSite ownSite;

    @EJB
    private AuditTrail audit;

    @EJB
    private RemoteData data;

    @EJB
    private RemoteSyncRun syncRun;

    @EJB
    private OwnCertificate ownCertificate;

    /** Whether this datafile is set up to sync with a central server. */
    static boolean isConfigured(Site site, RemoteLink link) {
        return !site.settings().serverUrl().isBlank() && link.hasPassword();
    }

    /** Whether this datafile is a remote site of a central server (its own site has a server URL). */
    @RolesAllowed(Roles.VIEWER)
    public boolean isRemoteSite() {
        return !ownSite.get().settings().serverUrl().isBlank();
    }

    @RolesAllowed(Roles.VIEWER)
    public RemoteStatus status() {
        Site site = ownSite.get();
        RemoteLink link = em.find(RemoteLink.class, RemoteLink.ID);
        SiteSettings settings = site.settings();
        boolean configured = isConfigured(site, link);
        boolean running = RemoteData.alive(link);
        Instant next = !configured
                ? null
                : link.getLastStartedAt() == null
                        ? Instant.now()
                        : link.getLastStartedAt().plus(Duration.ofMinutes(settings.syncIntervalMinutes()));
        return new RemoteStatus(
                configured,
                settings.serverUrl(),
                configured ? site.getName() : "",
                settings.syncIntervalMinutes(),
                settings.syncRequestSize(),
                settings.alternativeHttpClient(),
                link.trustedCertificate(),
                ownCertificate.fingerprint(),
                link.hasPassword(),
                HardwareId.ofThisServer(),
                link.isInitialised(),
                running,
                running ? Text.decode(link.getPhase()) : null,
                link.getPhaseDone(),
                link.getPhaseTotal(),
                link.getLastStartedAt(),
                link.getLastFinishedAt(),
                link.getLastOutcome(),
                Text.decode(link.getLastMessage()),
                link.getLastPushed(),
                link.getLastReceived(),
                link.getLastSuccessAt(),
                next);
    }

    /**
     * Saves the settings, all or nothing. A new server URL or site name means another central or site: what
     * was learnt from the previous one is forgotten and the next sync initialises afresh.
     */
    public void save(RemoteSettingsChange change) {
        Site site = ownSite.get();
        RemoteLink link = em.find(RemoteLink.class, RemoteLink.ID);
        SiteSettings before = site.settings();
        String nameBefore = site.getName();
        String password = change.newPassword() == null ? "" : change.newPassword();
        List<RuleViolation.Problem> problems = new ArrayList<>();
        if (!password.isEmpty()) {
            Text problem = SiteRules.passwordProblem(password);
            if (problem != null) {
                problems.add(new RuleViolation.Problem("password", problem));
            }
        } else if (!link.hasPassword()) {
            problems.add(new RuleViolation.Problem("password", Text.of("remote.password.missing")));
        }
        String name = change.siteName() == null ? "" : change.siteName().strip();
        Long sameName = em.createQuery(
                        "SELECT COUNT(s) FROM Site s WHERE s.nameKey = :key AND s.central = FALSE", Long.class)
                .setParameter("key", name.toLowerCase(Locale.ROOT))
                .getSingleResult();
        if (sameName > 0) {
            problems.add(new RuleViolation.Problem("siteName", Text.of("remote.siteName.taken", name)));
        }
        try {
            site.linkToCentral(new SiteSettings(
                    before.code(),
                    name,
                    before.activeOnDatafile(),
                    change.alternativeHttpClient(),
                    change.syncIntervalMinutes(),
                    change.syncRequestSize(),
                    change.serverUrl()));
        } catch (RuleViolation violation) {
            // the site rules call the site's name "name"; here it is the input "siteName"
            problems.addAll(
                    0,
                    violation.problems().stream()
                            .map(p -> "name".equals(p.field()) ? new RuleViolation.Problem("siteName", p.text()) : p)
                            .toList());
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
        SiteSettings after = site.settings();
        if (!after.serverUrl().equals(before.serverUrl()) || !site.getName().equalsIgnoreCase(nameBefore)) {
            link.forgetCentral();
        }
        if (!password.isEmpty()) {
            link.setPasswordSha256(Site.syncSecret(password));
            audit.record(
                    AuditTrail.Action.SITE_PASSWORD_SET,
                    "Site",
                    site.getId(),
                    site.label(),
                    "remote password",
                    null,
                    null);
        }
        String label = site.label();
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED, "Site", site.getId(), label, "name", nameBefore, site.getName());
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED,
                "Site",
                site.getId(),
                label,
                "serverUrl",
                before.serverUrl(),
                after.serverUrl());
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED,
                "Site",
                site.getId(),
                label,
                "syncIntervalMinutes",
                before.syncIntervalMinutes(),
                after.syncIntervalMinutes());
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED,
                "Site",
                site.getId(),
                label,
                "syncRequestSize",
                before.syncRequestSize(),
                after.syncRequestSize());
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED,
                "Site",
                site.getId(),
                label,
                "alternativeHttpClient",
                before.alternativeHttpClient(),
                after.alternativeHttpClient());
    }

    /**
     * Trusts the central's certificate with this SHA-256 fingerprint besides the JVM's CAs (a self-signed certificate,
     * compared with the fingerprint the central printed when it started), or, given null or blank, trusts only the
     * CAs again. Forgotten with the server URL.
     */
    public void trustCertificate(String fingerprint) {
        String pinned = null;
        if (fingerprint != null && !fingerprint.isBlank()) {
            pinned = PinnedCertificate.normalised(fingerprint);
            if (pinned == null) {
                throw new RuleViolation("fingerprint", Text.of("remote.fingerprint.invalid", fingerprint.strip()));
            }
        }
        Site site = ownSite.get();
        RemoteLink link = em.find(RemoteLink.class, RemoteLink.ID);
        String before = link.trustedCertificate();
        link.trustCertificate(pinned);
        audit.recordChange(
                AuditTrail.Action.SITE_UPDATED,
                "Site",
                site.getId(),
                site.label(),
                "trustedCertificate",
                before,
                pinned);
    }

    /** Starts a sync now, in the background; its progress shows in {@link #status()}. */
    public void syncNow() {
        if (data.settingsForSync() == null) {
            throw new RuleViolation(Text.of("remote.notSetUp"));
        }
        if (RemoteData.alive(em.find(RemoteLink.class, RemoteLink.ID))) {
            throw new RuleViolation(Text.of("remote.syncRunning"));
        }
        syncRun.startInBackground();
    }

    /**
     * Checks the saved settings against the central server, without signing in: whether it is reachable,
     * speaks a compatible sync version, accepts the credentials and this server's hardware ID. Never counts as
     * a failed sign-in on the central server.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConnectionReport checkConnection() {
        RemoteSyncSettings settings = data.settingsForSync();
        if (settings == null) {
            throw new RuleViolation(Text.of("remote.notSetUp"));
        }
        String hardwareId = HardwareId.ofThisServer();
        SyncClient client = new SyncClient(
                SyncTransport.of(settings.alternativeHttpClient(), settings.trustedCertificate()),
                settings.serverUrl(),
                settings.siteName(),
                settings.passwordSha256(),
                hardwareId);
        List<ConnectionReport.Line> lines = new ArrayList<>();
        HttpReply reply;
        try {
            reply = client.checkConnection();
        } catch (ConnectionFailed e) {
            lines.add(new ConnectionReport.Line(
                    false, Text.of("remote.check.unreachable", settings.serverUrl(), e.text())));
            return new ConnectionReport(lines, e.presentedCertificate());
        }
        lines.add(new ConnectionReport.Line(
                true, Text.of("remote.check.answered", settings.serverUrl(), client.transportName())));
        if (reply.status() == 404) {
            lines.add(new ConnectionReport.Line(false, Text.of("remote.check.notSyncSites")));
            return new ConnectionReport(lines);
        }
        if (!reply.successful()) {
            lines.add(new ConnectionReport.Line(
                    false, SyncApiError.of(reply, SyncV5.CHECK_CONNECTION).text()));
            return new ConnectionReport(lines);
        }
        ConnectionCheck check;
        try {
            check = SyncV5Json.readConnectionCheck(reply.body());
        } catch (SyncV5Json.Malformed e) {
            lines.add(new ConnectionReport.Line(false, Text.of("remote.check.notUnderstood", e.getMessage())));
            return new ConnectionReport(lines);
        }
        // versions as text: they are names, not amounts
        String version = Integer.toString(SyncClient.SYNC_VERSION);
        lines.add(new ConnectionReport.Line(
                check.versionCompatible(),
                check.versionCompatible()
                        ? Text.of("remote.check.versionOk", version)
                        : Text.of(
                                "remote.check.versionNot",
                                version,
                                Integer.toString(check.minVersion()),
                                Integer.toString(check.maxVersion()))));
        lines.add(new ConnectionReport.Line(
                check.credentials() == ConnectionCheck.Credentials.ACCEPTED,
                switch (check.credentials()) {
                    case ACCEPTED -> Text.of("remote.check.accepted", settings.siteName());
                    case BLOCKED -> Text.of("remote.check.blocked");
                    case TOO_MANY_CHECKS -> Text.of("remote.check.tooManyChecks");
                    case REJECTED -> Text.of("remote.check.rejected", settings.siteName());
                }));
        if (check.device() != ConnectionCheck.Device.UNKNOWN) {
            lines.add(new ConnectionReport.Line(
                    check.device() != ConnectionCheck.Device.ANOTHER_DEVICE,
                    switch (check.device()) {
                        case MATCHES -> Text.of("remote.check.deviceMatches", hardwareId);
                        case NOT_BOUND -> Text.of("remote.check.notBound", hardwareId);
                        default -> Text.of("remote.check.anotherDevice", hardwareId);
                    }));
        }
        return new ConnectionReport(lines);
    }
}
