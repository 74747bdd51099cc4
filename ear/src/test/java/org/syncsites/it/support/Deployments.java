package org.syncsites.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The archive the tests that run inside the server deploy (tag {@code in-server}): the real demo EAR the build
 * produced (the product + /demo) with the tests' classes. The other tests share the one deployment of
 * {@link TestServer}.
 */
public final class Deployments {

    private Deployments() {}

    /** The application as shipped plus the demo data generators at /demo (sync-sites-demo.ear). */
    private static EnterpriseArchive application() {
        return ShrinkWrap.create(ZipImporter.class, "sync-sites.ear")
                .importFrom(earFile())
                .as(EnterpriseArchive.class);
    }

    /**
     * The application plus the tests' own classes in its library folder, for tests that run inside the server
     * and call the EJBs directly.
     */
    public static EnterpriseArchive applicationWithTests(Class<?>... testClasses) {
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "sync-sites-tests.jar")
                .addPackage(Deployments.class.getPackage())
                .addClasses(testClasses);
        // Arquillian's servlet protocol runs the tests in the one web module it finds: without the demo API's WAR
        // (the tests call the demo data EJB directly)
        EnterpriseArchive ear = application();
        ear.delete("sync-sites-demo.war");
        String descriptor = text(ear, "META-INF/application.xml")
                .replaceAll("(?s)<module>\\s*<web>\\s*<web-uri>sync-sites-demo\\.war</web-uri>.*?</module>", "");
        ear.setApplicationXML(new StringAsset(descriptor));
        return ear.addAsLibrary(tests);
    }

    private static String text(EnterpriseArchive ear, String path) {
        try (var in = ear.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File earFile() {
        File ear = new File(System.getProperty("syncsites.ear", "target/sync-sites-demo.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("The EAR " + ear + " is missing: build it with 'mvn package' first.");
        }
        return ear;
    }
}
