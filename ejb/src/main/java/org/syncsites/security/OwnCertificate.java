package org.syncsites.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Prints, soon after the server starts, the SHA-256 fingerprint of the certificate its HTTPS port presents (WildFly's
 * own, made on first use, or the organisation's, see README "HTTPS"), so that the administrators of remote sites can
 * compare it with the one their Check connection shows before they trust it.
 */
@Singleton
@Startup
public class OwnCertificate {

    private static final Logger LOG = Logger.getLogger(OwnCertificate.class.getName());

    @Resource
    private TimerService timers;

    /** The fingerprint last seen (empty: no certificate); null until looked at. */
    private volatile Optional<String> fingerprint;

    @PostConstruct
    void lookSoon() {
        // once the server answers: its HTTPS port may make its certificate on the first handshake
        timers.createSingleActionTimer(5_000, new TimerConfig("own HTTPS certificate", false));
    }

    /**
     * The SHA-256 fingerprint of the certificate this server's HTTPS port presents, shown on the Central server page;
     * null when it presents none.
     */
    @Lock(LockType.READ)
    @PermitAll // public: any HTTPS client is shown it
    public String fingerprint() {
        if (fingerprint == null) {
            fingerprint = CertificateFingerprints.presentedBy("127.0.0.1", port());
        }
        return fingerprint.orElse(null);
    }

    private static int port() {
        return Integer.getInteger("jboss.https.port", 8443) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    }

    @Timeout
    void print() {
        int port = port();
        fingerprint = CertificateFingerprints.presentedBy("127.0.0.1", port);
        fingerprint.ifPresentOrElse(
                presented -> LOG.info(() -> "This server's HTTPS certificate (port " + port + "), SHA-256 fingerprint: "
                        + presented
                        + ". A remote site's Check connection shows the fingerprint it is presented: "
                        + "compare the two before trusting the certificate there."),
                () -> LOG.info(() -> "This server presents no HTTPS certificate on port " + port + "."));
    }
}
