package org.syncsites.remote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * This datafile's link to its central server, when it is a remote site (one row, id 1): the credential it
 * presents, what it learnt of the central, its cursors, the sync in progress and the last sync's result. The
 * site name, server URL, interval, request size and HTTP client are the own site's fields.
 */
@Entity
@Table(name = "remote_sync")
@DynamicUpdate // the sync's progress and an admin's settings change different columns, and never undo each other
public class RemoteLink {

    static final int ID = 1;

    @Id
    private Integer id;

    @Column(name = "password_sha256")
    private String passwordSha256;

    @Column(name = "central_site_uuid")
    private String centralSiteUuid;

    @Column(name = "site_id_at_central")
    private Long siteIdAtCentral;

    /** The SHA-256 fingerprint of the central's certificate an administrator trusts, besides the JVM's CAs. */
    @Column(name = "trusted_certificate")
    private String trustedCertificate;

    private boolean initialised;

    @Column(name = "central_cursor")
    private long centralCursor;

    @Column(name = "push_cursor")
    private long pushCursor;

    private boolean running;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    private String phase;

    @Column(name = "phase_done")
    private long phaseDone;

    @Column(name = "phase_total")
    private long phaseTotal;

    @Column(name = "last_started_at")
    private Instant lastStartedAt;

    @Column(name = "last_finished_at")
    private Instant lastFinishedAt;

    @Column(name = "last_outcome")
    private String lastOutcome;

    @Column(name = "last_message")
    private String lastMessage;

    @Column(name = "last_pushed")
    private long lastPushed;

    @Column(name = "last_received")
    private long lastReceived;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    protected RemoteLink() {}

    boolean hasPassword() {
        return passwordSha256 != null;
    }

    String passwordSha256() {
        return passwordSha256;
    }

    void setPasswordSha256(String passwordSha256) {
        this.passwordSha256 = passwordSha256;
    }

    /** Another central server or site: learn everything again, from the start. */
    void forgetCentral() {
        trustedCertificate = null;
        centralSiteUuid = null;
        siteIdAtCentral = null;
        initialised = false;
        centralCursor = 0;
    }

    String trustedCertificate() {
        return trustedCertificate;
    }

    void trustCertificate(String fingerprint) {
        this.trustedCertificate = fingerprint;
    }

    void learnCentral(String uuid, long siteId) {
        this.centralSiteUuid = uuid;
        this.siteIdAtCentral = siteId;
    }

    void markInitialised() {
        this.initialised = true;
    }

    void setCentralCursor(long cursor) {
        this.centralCursor = cursor;
    }

    void setPushCursor(long cursor) {
        this.pushCursor = cursor;
    }

    void progress(String phase, long done, long total, Instant now) {
        this.phase = phase;
        this.phaseDone = done;
        this.phaseTotal = total;
        this.heartbeatAt = now;
    }

    void finish(boolean success, String message, long pushed, long received, Instant now) {
        this.running = false;
        this.phase = null;
        this.phaseDone = 0;
        this.phaseTotal = 0;
        this.lastFinishedAt = now;
        this.lastOutcome = success ? "succeeded" : "failed";
        this.lastMessage = message.length() > 2000 ? message.substring(0, 2000) : message;
        this.lastPushed = pushed;
        this.lastReceived = received;
        if (success) {
            this.lastSuccessAt = now;
        }
    }

    public String getCentralSiteUuid() {
        return centralSiteUuid;
    }

    /** This site's numeric ID on the central server ({@code siteId} of {@code /sync/v5/site}). */
    public Long getSiteIdAtCentral() {
        return siteIdAtCentral;
    }

    public boolean isInitialised() {
        return initialised;
    }

    public long getCentralCursor() {
        return centralCursor;
    }

    public long getPushCursor() {
        return pushCursor;
    }

    public boolean isRunning() {
        return running;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    public String getPhase() {
        return phase;
    }

    public long getPhaseDone() {
        return phaseDone;
    }

    public long getPhaseTotal() {
        return phaseTotal;
    }

    public Instant getLastStartedAt() {
        return lastStartedAt;
    }

    public Instant getLastFinishedAt() {
        return lastFinishedAt;
    }

    public String getLastOutcome() {
        return lastOutcome;
    }

    public String getLastMessage() {
        return lastMessage;
    }

    public long getLastPushed() {
        return lastPushed;
    }

    public long getLastReceived() {
        return lastReceived;
    }

    public Instant getLastSuccessAt() {
        return lastSuccessAt;
    }
}
