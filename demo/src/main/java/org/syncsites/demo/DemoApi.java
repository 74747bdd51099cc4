package org.syncsites.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The demo data generators under /demo/api, for scripts, tests and benchmarks. */
@ApplicationPath("/api")
public class DemoApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DemoDataResource.class, DemoErrorMapper.class);
    }
}
