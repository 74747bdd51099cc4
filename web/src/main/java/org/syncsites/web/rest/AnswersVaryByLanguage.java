package org.syncsites.web.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer of the API says that it depends on the request's {@code Accept-Language} ({@code Vary}): its words do
 * ({@link ErrorBody}, {@link JsonWords}), so that a cache between a client and the server never hands one caller's
 * French to another.
 */
@Provider
public class AnswersVaryByLanguage implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
