package org.syncsites.web.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The page that tries the administration API (api.xhtml): Swagger UI, bundled in the application as the WebJar of
 * the npm package, reading the OpenAPI document the server serves ({@code /openapi}). Requests made there are the
 * signed-in user's, with their permissions. The WebJar's version is read from the WebJar itself, so that the
 * build names it once (the pom).
 */
@Named
@ApplicationScoped
public class ApiExplorer {

    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private volatile String version;

    /** Where Swagger UI's files are served, below the application's context path. */
    public String getAssets() {
        return "/webjars/swagger-ui/" + version();
    }

    private String version() {
        if (version == null) {
            try (InputStream in = ApiExplorer.class.getResourceAsStream(WEBJAR_POM)) {
                if (in == null) {
                    throw new IllegalStateException("Swagger UI is not in the application: " + WEBJAR_POM);
                }
                Properties pom = new Properties();
                pom.load(in);
                version = pom.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return version;
    }
}
