package org.syncsites.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The SHA-256 fingerprint of the TLS certificate a server presents, as {@code keytool -printcert} and browsers show
 * it ({@code AB:CD:...}): the central prints its own when it starts, and a remote site that does not trust the
 * central's certificate shows the one it was presented, so that an administrator can compare the two before trusting
 * it. Reading it sends nothing: the handshake is ended as soon as the certificate is seen.
 */
public final class CertificateFingerprints {

    private CertificateFingerprints() {}

    /** The fingerprint of the certificate {@code host:port} presents; empty when none could be read. */
    public static Optional<String> presentedBy(String host, int port) {
        X509Certificate[] seen = new X509Certificate[1];
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType)
                                    throws CertificateException {
                                seen[0] = chain[0];
                                throw new CertificateException("only read, never trusted");
                            }

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), 10_000);
                socket.setSoTimeout(10_000);
                socket.startHandshake();
            } catch (IOException endedOnPurpose) {
                // the handshake ends at the certificate
            }
        } catch (GeneralSecurityException noTls) {
            return Optional.empty();
        }
        return Optional.ofNullable(seen[0]).map(CertificateFingerprints::of);
    }

    /** The certificate's SHA-256 fingerprint, in pairs of upper-case hex digits joined by colons. */
    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java has SHA-256 and encodes certificates", e);
        }
    }
}
