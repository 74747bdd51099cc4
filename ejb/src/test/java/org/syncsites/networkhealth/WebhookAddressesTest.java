package org.syncsites.networkhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {

    @AfterEach
    void defaultSetting() {
        System.clearProperty(WebhookAddresses.SETTING);
    }

    @Test
    void privateSharedLinkLocalAndUniqueLocalRangesAreRefused() throws Exception {
        for (String address : new String[] {
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "224.0.0.1",
            "fd12::1",
            "fc00::1",
            "fe80::1",
            "::",
            "::ffff:192.168.1.1"
        }) {
            assertTrue(WebhookAddresses.refused(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void publicAddressesAndTheCentralsOwnHostAreNot() throws Exception {
        for (String address : new String[] {
            "8.8.8.8",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "192.169.0.1",
            "127.0.0.1",
            "::1",
            "2001:4860:4860::8888"
        }) {
            assertFalse(WebhookAddresses.refused(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void theOperatorMayAllowPrivateAddresses() {
        assertNotNull(WebhookAddresses.problem("http://10.1.2.3/hook"));
        assertEquals(
                "health.settings.webhookPrivate",
                WebhookAddresses.problem("http://[fe80::1]:8080/").key());
        assertNull(WebhookAddresses.problem("http://127.0.0.1:9000/hook"));
        System.setProperty(WebhookAddresses.SETTING, "allowed");
        assertNull(WebhookAddresses.problem("http://10.1.2.3/hook"));
    }
}
