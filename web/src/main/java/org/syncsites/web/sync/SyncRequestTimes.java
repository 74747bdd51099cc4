package org.syncsites.web.sync;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.syncsites.platform.Meters;

/**
 * Times every request of the sync protocol, body written included, into the metrics by endpoint, method and HTTP
 * status. Endpoints are the protocol's own names; any other path counts as "unknown", so that no caller can make
 * up new series.
 */
@WebFilter(urlPatterns = "/sync/*", asyncSupported = true)
public class SyncRequestTimes extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "/sync/v5/";
    private static final Set<String> ENDPOINTS = Set.of(
            "site",
            "site_status",
            "check_connection",
            "initialise",
            "central_records",
            "queued_records",
            "acknowledged_records");

    @Inject
    private Meters meters;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            meters.syncRequest(
                    endpoint(request),
                    "POST".equals(request.getMethod()) ? "POST" : "GET".equals(request.getMethod()) ? "GET" : "other",
                    response.getStatus(),
                    System.nanoTime() - start);
        }
    }

    private static String endpoint(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(PREFIX)) {
            String name = path.substring(PREFIX.length());
            if (ENDPOINTS.contains(name)) {
                return name;
            }
        }
        return "unknown";
    }
}
