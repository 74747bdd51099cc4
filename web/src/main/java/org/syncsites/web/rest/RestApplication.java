package org.syncsites.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST resources for machines: health, and the administration API under /api/admin. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
