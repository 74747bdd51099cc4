package org.syncsites.remote;

import java.util.List;

/** The next records to push, and how many are waiting in all (these included). */
record PushBatch(long remaining, List<OutgoingRecord> records) {
}
