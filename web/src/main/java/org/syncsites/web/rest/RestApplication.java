package org.syncsites.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** REST resources for machines: health, and the administration API under /api/admin. */
@ApplicationPath("/api")
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                HealthResource.class,
                SitesResource.class,
                StoresResource.class,
                UsersResource.class,
                MeResource.class,
                ApiTokensResource.class,
                AuditResource.class,
                DevicesResource.class,
                BulkActionsResource.class,
                InitialisationPreviewResource.class,
                RemoteResource.class,
                NetworkResource.class,
                MasterDataResource.class,
                BackupsResource.class,
                SiteUsersResource.class,
                RuleViolationMapper.class,
                AccessDeniedMapper.class,
                UnexpectedErrorMapper.class,
                SignedInOnly.class,
                JsonWords.class,
                AnswersVaryByLanguage.class);
    }
}
