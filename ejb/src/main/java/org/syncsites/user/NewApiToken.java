package org.syncsites.user;

import java.io.Serializable;

/** A token just created: the only time its value is given out. */
public record NewApiToken(ApiTokenView view, String token) implements Serializable {}
