package org.syncsites.web.sync;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.platform.Text;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.synchistory.SyncSessions;
import org.syncsites.syncv5.SyncV5Json;

/**
 * A refused sync request in the v5 error format: {@code {"error":{"code","message","data"}}}. The code is the
 * protocol's; the message is said in the first language of the request's {@code Accept-Language} that the words
 * are written in, else English. A refusal after the site signed in is noted in its sync history (the sign-in notes
 * its own refusals).
 */
@Provider
public class SyncRefusalMapper implements ExceptionMapper<SyncRefusal> {

    /** The request attribute holding the {@link AuthenticatedSite} once the request has signed in. */
    static final String SIGNED_IN_SITE = "org.syncsites.sync.site";

    private static final Logger LOG = Logger.getLogger(SyncRefusalMapper.class.getName());

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest request;

    @EJB
    private SyncSessions sessions;

    @Override
    public Response toResponse(SyncRefusal refusal) {
        try {
            if (request.getAttribute(SIGNED_IN_SITE) instanceof AuthenticatedSite site) {
                sessions.refused(site.siteId(), site.hardwareId(), site.appVersion(), refusal.code(), refusal.text());
            }
        } catch (RuntimeException e) {
            // the site still gets its answer; the history misses one line, and the log says so
            LOG.log(Level.WARNING, "Could not note a refused sync request in the sync history", e);
        }
        return Response.status(refusal.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(SyncV5Json.error(refusal.error(Text.firstSpoken(headers.getAcceptableLanguages()))))
                .build();
    }
}
