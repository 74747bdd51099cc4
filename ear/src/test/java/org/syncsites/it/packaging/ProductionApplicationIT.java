package org.syncsites.it.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The product leaves the demo data generators out: sync-sites.ear holds no demo module and no demo class, while
 * sync-sites-demo.ear, which the tests deploy, adds exactly the two demo modules (the generators and their API at /demo).
 */
class ProductionApplicationIT {

    @Test
    void theProductionApplicationHasNoDemoDataGenerators() throws IOException {
        List<String> entries = entries(System.getProperty("syncsites.production.ear"));
        assertTrue(
                entries.contains("sync-sites-ejb.jar") && entries.contains("sync-sites-web.war"), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.contains("demo")), entries.toString());
        assertFalse(
                applicationXml(System.getProperty("syncsites.production.ear")).contains("demo"));
    }

    @Test
    void theDemoApplicationAddsOnlyTheDemoModule() throws IOException {
        List<String> production = entries(System.getProperty("syncsites.production.ear"));
        List<String> demo = entries(System.getProperty("syncsites.ear"));
        List<String> added = new ArrayList<>(demo);
        added.removeAll(production);
        assertTrue(added.contains("sync-sites-demo-data.jar!org/syncsites/demo/data/DemoData.class"), added.toString());
        added.removeIf(entry -> entry.contains("!"));
        assertEquals(
                List.of("sync-sites-demo-data.jar", "sync-sites-demo.war"),
                added.stream().sorted().toList());
        assertTrue(applicationXml(System.getProperty("syncsites.ear")).contains("<context-root>/demo</context-root>"));
    }

    /** The entries of the EAR and, for its modules, of the archives inside (as "module!entry"). */
    private static List<String> entries(String ear) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ear)) {
            for (ZipEntry entry : zip.stream().toList()) {
                names.add(entry.getName());
                if (entry.getName().endsWith(".jar") || entry.getName().endsWith(".war")) {
                    try (ZipInputStream inner = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
                            if (e.getName().contains("org/syncsites/")) {
                                names.add(entry.getName() + "!" + e.getName());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    private static String applicationXml(String ear) throws IOException {
        try (ZipFile zip = new ZipFile(ear);
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/application.xml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
