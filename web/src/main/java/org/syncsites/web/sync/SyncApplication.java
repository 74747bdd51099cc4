package org.syncsites.web.sync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.syncsites.web.rest.UnexpectedErrorMapper;

/** The mSupply sync v5 protocol for remote sites, under /sync/v5. */
@ApplicationPath("/sync")
public class SyncApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                SyncV5Resource.class,
                SyncRefusalMapper.class,
                PasswordChecksBusyMapper.class,
                UnexpectedErrorMapper.class);
    }
}
