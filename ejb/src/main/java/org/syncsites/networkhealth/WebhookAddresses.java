package org.syncsites.networkhealth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.syncsites.platform.Text;

/**
 * Which hosts the alert webhook may be posted to. An editor chooses the webhook; the operator chooses where it may
 * point: with the system property {@value #SETTING} at {@code refused} (the default) no address in a private,
 * shared, link-local (cloud metadata services live at 169.254.169.254), unique-local, unspecified or multicast range
 * is posted to, so that the central's alerts cannot be turned against the internal network it stands in. The
 * central's own host (loopback) stays allowed: an operator may run a relay there. {@code allowed} lifts the rule
 * (README, "Alerts"). The host is resolved when the settings are saved and again before each post.
 */
public final class WebhookAddresses {

    /** The operator's setting: {@code refused} (the default) or {@code allowed}. */
    public static final String SETTING = "syncsites.alerts.webhook.private-addresses";

    private WebhookAddresses() {}

    /** Whether the operator refuses webhooks to private and link-local addresses (the default). */
    public static boolean privateRefused() {
        return !"allowed"
                .equalsIgnoreCase(System.getProperty(SETTING, "refused").strip());
    }

    /**
     * Why the webhook may not be posted to, in the operator's setting: its host is, or resolves to, a refused
     * address; null when it may (also when its host does not resolve now: that is found when posting).
     */
    public static Text problem(String url) {
        if (url == null || !privateRefused()) {
            return null;
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException unreadable) {
            return Text.of("health.settings.webhook", url);
        }
        if (host == null) {
            return Text.of("health.settings.webhook", url);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (refused(address)) {
                    return Text.of("health.settings.webhookPrivate", host, SETTING);
                }
            }
        } catch (UnknownHostException notNow) {
            return null;
        }
        return null;
    }

    /**
     * Whether the address lies in a range the setting refuses (loopback does not). An IPv4-mapped IPv6 address is
     * read as the IPv4 address it maps ({@link InetAddress} does so itself).
     */
    static boolean refused(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return false;
        }
        if (address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10, carrier-grade NAT's shared space (RFC 6598); 0.0.0.0/8, "this network"
            return first == 100 && second >= 64 && second < 128 || first == 0;
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, IPv6's unique local addresses (RFC 4193)
    }
}
