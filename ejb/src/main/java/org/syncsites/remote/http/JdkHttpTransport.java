package org.syncsites.remote.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.syncsites.security.PinnedCertificate;

/**
 * The default client: java.net.http, HTTP/1.1, one client (and its connection pool) per connect timeout and trusted
 * certificate.
 */
public class JdkHttpTransport implements SyncTransport {

    private record Kind(Duration connectTimeout, String trustedCertificate) {}

    private static final Map<Kind, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private final String trustedCertificate;

    /** @param trustedCertificate see {@link SyncTransport#of} */
    public JdkHttpTransport(String trustedCertificate) {
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
        HttpClient client = CLIENTS.computeIfAbsent(new Kind(connectTimeout, trustedCertificate), kind -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(kind.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (kind.trustedCertificate() != null) {
                builder.sslContext(PinnedCertificate.trusting(kind.trustedCertificate()));
            }
            return builder.build();
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpReply(response.statusCode(), response.body() == null ? "" : response.body());
        } catch (HttpConnectTimeoutException e) {
            throw ConnectionFailed.noConnection(uri, connectTimeout, e);
        } catch (HttpTimeoutException e) {
            throw ConnectionFailed.noAnswer(uri, readTimeout, e);
        } catch (ConnectException e) {
            throw ConnectionFailed.refused(uri, e);
        } catch (SSLException e) {
            throw ConnectionFailed.untrusted(uri, e);
        } catch (IOException e) {
            throw ConnectionFailed.failed(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectionFailed.interrupted(uri, e);
        }
    }

    @Override
    public String name() {
        return "java.net.http";
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
