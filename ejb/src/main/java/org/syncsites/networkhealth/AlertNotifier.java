package org.syncsites.networkhealth;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends the alerts not sent yet, once each, in one message per look: an e-mail to the settings' addresses through
 * WildFly's mail subsystem (the mail session {@value #MAIL_SESSION}), and a JSON POST to the settings' webhook:
 * <pre>
 * {"source": "Sync Sites", "alerts": [{"id": 12, "kind": "SITE_CRITICAL", "siteId": 7, "siteName": "Clinic 7",
 *   "raisedAt": "2026-11-28T10:15:00Z", "message": "Site 'Clinic 7' has not completed a sync since ..."}]}
 * </pre>
 * Runs outside any transaction (a slow mail server holds no lock); what failed is tried again at the next look, up
 * to {@link Alerts#MAX_ATTEMPTS} times, and the dashboard says why it failed.
 */
@Stateless
@PermitAll
public class AlertNotifier {

    /** The JNDI name of the mail session (wildfly-config/cli/mail.cli). */
    public static final String MAIL_SESSION = "java:jboss/mail/SyncSites";

    private static final Logger LOG = Logger.getLogger(AlertNotifier.class.getName());
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @EJB
    private Alerts alerts;

    @EJB
    private NetworkHealth health;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendPending() {
        HealthSettings settings = health.settings();
        List<Alert> pending = alerts.toSend();
        if (pending.isEmpty()) {
            return;
        }
        List<Long> ids = pending.stream().map(Alert::id).toList();
        if (settings.emailAddresses().isEmpty() && settings.webhook() == null) {
            alerts.sent(ids, null); // nobody to tell: shown on the dashboard only
            return;
        }
        StringBuilder failures = new StringBuilder();
        if (!settings.emailAddresses().isEmpty()) {
            try {
                email(settings.emailAddresses(), pending);
            } catch (MessagingException | NamingException | RuntimeException e) {
                failures.append("e-mail: ").append(e.getMessage()).append(". ");
            }
        }
        if (settings.webhook() != null) {
            try {
                post(settings.webhook(), pending);
            } catch (IOException | RuntimeException e) {
                // in its own words, never the far side's: a webhook must not become a probe of other hosts
                failures.append("webhook: ").append(webhookFailure(e)).append(". ");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.append("webhook: interrupted. ");
            }
        }
        String error = failures.isEmpty() ? null : failures.toString().strip();
        if (error != null) {
            LOG.warning(() -> "Alerts " + ids + " could not be sent: " + error);
        }
        alerts.sent(ids, error);
    }

    private static void email(List<String> to, List<Alert> pending) throws MessagingException, NamingException {
        Session session = (Session) new InitialContext().lookup(MAIL_SESSION);
        MimeMessage message = new MimeMessage(session);
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(
                pending.size() == 1
                        ? "Sync Sites alert: " + pending.get(0).message().english()
                        : "Sync Sites: " + pending.size() + " alerts",
                StandardCharsets.UTF_8.name());
        StringBuilder body = new StringBuilder();
        for (Alert alert : pending) {
            body.append("- ")
                    .append(alert.message().english())
                    .append(" (")
                    .append(alert.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(", site ")
                    .append(alert.siteId())
                    .append(", raised ")
                    .append(alert.raisedAt())
                    .append(")\n");
        }
        body.append("\nThe dashboard of the central server shows every open alert.\n");
        message.setText(body.toString(), StandardCharsets.UTF_8.name());
        Transport.send(message);
    }

    /** Why a post failed, said in a few fixed ways; the exception itself goes to the log only. */
    static String webhookFailure(Exception e) {
        LOG.log(Level.FINE, "The alert webhook failed", e);
        if (e instanceof RefusedAddress) {
            return e.getMessage();
        }
        if (e instanceof AnsweredWith answered) {
            return "answered HTTP " + answered.status;
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the time allowed";
        }
        return "it could not be reached";
    }

    private static void post(String url, List<Alert> pending) throws IOException, InterruptedException {
        if (WebhookAddresses.problem(url) != null) {
            // resolved again: the host's address may have changed since the settings were saved
            throw new RefusedAddress();
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Alert alert : pending) {
            list.add(Json.createObjectBuilder()
                    .add("id", alert.id())
                    .add("kind", alert.kind().name())
                    .add("siteId", alert.siteId())
                    .add("siteName", alert.siteName())
                    .add("raisedAt", alert.raisedAt().toString())
                    .add("message", alert.message().english()));
        }
        String body = Json.createObjectBuilder()
                .add("source", "Sync Sites")
                .add("alerts", list)
                .build()
                .toString();
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new AnsweredWith(answer.statusCode());
        }
    }

    /** The webhook's host is, or now resolves to, an address the operator refuses (see {@link WebhookAddresses}). */
    private static final class RefusedAddress extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedAddress() {
            super("its host is at a private or link-local address, where alerts are not posted ("
                    + WebhookAddresses.SETTING + ")");
        }
    }

    /** The webhook answered with a status other than 2xx. */
    private static final class AnsweredWith extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        AnsweredWith(int status) {
            super("answered " + status);
            this.status = status;
        }
    }
}
