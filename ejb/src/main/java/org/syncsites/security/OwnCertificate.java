package org.syncsites.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
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

    @PostConstruct
    void lookSoon() {
        // once the server answers: its HTTPS port may make its certificate on the first handshake
        timers.createSingleActionTimer(5_000, new TimerConfig("own HTTPS certificate", false));
    }

    @Timeout
    void print() {
        int port = Integer.getInteger("jboss.https.port", 8443)
                + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        CertificateFingerprints.presentedBy("127.0.0.1", port)
                .ifPresentOrElse(
                        fingerprint -> LOG.info(
                                () -> "This server's HTTPS certificate (port " + port + "), SHA-256 fingerprint: "
                                        + fingerprint
                                        + ". A remote site's Check connection shows the fingerprint it is presented: "
                                        + "compare the two before trusting the certificate there."),
                        () -> LOG.info(() -> "This server presents no HTTPS certificate on port " + port + "."));
    }
}
