package org.syncsites.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A server certificate an administrator chose to trust by its SHA-256 fingerprint (a central's self-signed
 * certificate, compared with the fingerprint the central printed when it started), on top of the JVM's trusted CAs.
 * The fingerprint names that one certificate, so a pinned certificate is taken for any host name it is reached by; any
 * other certificate is checked as usual, host name included.
 */
public final class PinnedCertificate {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{64}");

    private PinnedCertificate() {}

    /**
     * The fingerprint in the form {@link CertificateFingerprints#of} gives ({@code AB:CD:...}), from one written with or
     * without colons or spaces, in either case; null when it is not a SHA-256 fingerprint.
     */
    public static String normalised(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        String hex = fingerprint.replaceAll("[:\\s]", "").toUpperCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(hex).matches()) {
            return null;
        }
        return String.join(":", hex.split("(?<=\\G..)"));
    }

    /** A TLS context that trusts the JVM's CAs and the certificate with this fingerprint (as {@link #normalised}). */
    public static SSLContext trusting(String fingerprint) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509ExtendedTrustManager usual = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    usual = extended;
                }
            }
            if (usual == null) {
                throw new IllegalStateException("The JVM has no X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Pinned(usual, fingerprint)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java has TLS and its default trust manager", e);
        }
    }

    private static final class Pinned extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager usual;
        private final String fingerprint;

        Pinned(X509ExtendedTrustManager usual, String fingerprint) {
            this.usual = usual;
            this.fingerprint = fingerprint;
        }

        private boolean pinned(X509Certificate[] chain) {
            return chain != null && chain.length > 0 && fingerprint.equals(CertificateFingerprints.of(chain[0]));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (!pinned(chain)) {
                usual.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (!pinned(chain)) {
                usual.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!pinned(chain)) {
                usual.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            usual.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            usual.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            usual.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return usual.getAcceptedIssuers();
        }
    }
}
