package org.syncsites.web.sync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.syncsites.web.rest.RuleViolationMapper;
import org.syncsites.web.rest.UnexpectedErrorMapper;

/** The legacy mSupply API v4 that open-mSupply sites call besides sync, under /api/v4 (LegacyApiV4Resource). */
@ApplicationPath("/api/v4")
public class LegacyApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                LegacyApiV4Resource.class,
                SyncRefusalMapper.class,
                PasswordChecksBusyMapper.class,
                RuleViolationMapper.class,
                UnexpectedErrorMapper.class);
    }
}
