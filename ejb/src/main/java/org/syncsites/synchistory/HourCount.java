package org.syncsites.synchistory;

import java.io.Serializable;
import java.time.Instant;

/** Sync sessions that started in one hour, how many of them failed, and the records they moved. */
public record HourCount(Instant hour, long sessions, long failed, long records) implements Serializable {}
