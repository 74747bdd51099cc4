package org.syncsites.it.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;

/** The archives the integration tests deploy: always the real EAR the build produced. */
public final class Deployments {

    private Deployments() {
    }

    /** The application exactly as shipped, for tests that speak HTTP to it from outside. */
    public static EnterpriseArchive application() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, earFile());
    }

    /**
     * The application plus the tests' own classes in its library folder, for tests that run inside the server
     * and call the EJBs directly.
     */
    public static EnterpriseArchive applicationWithTests(Class<?>... testClasses) {
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "sync-sites-tests.jar")
                .addPackage(Deployments.class.getPackage())
                .addClasses(testClasses);
        return application().addAsLibrary(tests);
    }

    private static File earFile() {
        File ear = new File(System.getProperty("syncsites.ear", "target/sync-sites.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("The EAR " + ear + " is missing: build it with 'mvn package' first.");
        }
        return ear;
    }
}
