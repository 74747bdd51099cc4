package org.syncsites.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending a process a test started together with its children (a start script and the JVM it runs). */
final class ProcessTrees {

    private ProcessTrees() {}

    /**
     * Ends the process and its descendants, with SIGKILL when {@code forcibly} (as a crash would), else with SIGTERM
     * and SIGKILL for any still there after 30 s; returns once all are gone, so that their ports are free.
     */
    static void end(Process process, boolean forcibly, String name) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception stillThere) {
                    throw new AssertionError(name + " did not end within a minute", stillThere);
                }
            }
        }
    }
}
