package org.syncsites.remote.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.syncsites.security.PinnedCertificate;

/**
 * The alternative client: java.net.HttpURLConnection. Its read timeout is an idle timeout (no byte for that
 * long), like open-mSupply's client, where java.net.http's is a limit on the whole exchange.
 */
public class UrlConnectionTransport implements SyncTransport {

    private static final Map<String, SSLSocketFactory> FACTORIES = new ConcurrentHashMap<>();

    private final String trustedCertificate;

    /** @param trustedCertificate see {@link SyncTransport#of} */
    public UrlConnectionTransport(String trustedCertificate) {
        this.trustedCertificate = trustedCertificate;
    }

    @Override
    public HttpReply send(
            String method,
            URI uri,
            Map<String, String> headers,
            String body,
            Duration connectTimeout,
            Duration readTimeout) {
        HttpURLConnection connection = null;
        boolean connected = false;
        boolean finished = false;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            if (trustedCertificate != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(FACTORIES.computeIfAbsent(
                        trustedCertificate,
                        pinned -> PinnedCertificate.trusting(pinned).getSocketFactory()));
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setInstanceFollowRedirects(true);
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.connect();
                connected = true;
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            } else {
                connection.connect();
                connected = true;
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = "";
            if (stream != null) {
                try (InputStream in = stream) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            finished = true; // the body was read to its end: the connection goes back to the keep-alive cache
            return new HttpReply(status, text);
        } catch (SocketTimeoutException e) {
            throw connected
                    ? ConnectionFailed.noAnswer(uri, readTimeout, e)
                    : ConnectionFailed.noConnection(uri, connectTimeout, e);
        } catch (ConnectException e) {
            throw ConnectionFailed.refused(uri, e);
        } catch (UnknownHostException e) {
            throw ConnectionFailed.unknownHost(uri, e);
        } catch (SSLException e) {
            throw ConnectionFailed.untrusted(uri, e);
        } catch (IOException e) {
            throw ConnectionFailed.failed(uri, e);
        } finally {
            if (connection != null && !finished) {
                connection.disconnect();
            }
        }
    }

    @Override
    public String name() {
        return "HttpURLConnection";
    }
}
