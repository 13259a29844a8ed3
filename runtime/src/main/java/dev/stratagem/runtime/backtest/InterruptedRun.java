package dev.stratagem.runtime.backtest;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a recorded backtest runs, a JVM shutdown hook that ends its run as {@value #STATUS} if the process is
 * stopped (Ctrl-C, SIGTERM) before the run finishes; otherwise the history showed it RUNNING for ever. The
 * interrupted run keeps the counts of what it recorded, and a run that finished meanwhile keeps its summary
 * ({@link JdbiHistoryStore#endRun}). A killed process (SIGKILL) runs no hook: its run stays RUNNING.
 */
final class InterruptedRun implements AutoCloseable {

    /** The status an interrupted backtest ends with. */
    static final String STATUS = "INTERRUPTED: the process was stopped before the run finished";

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRun.class);

    private final JdbiHistoryStore store;
    private final String runId;
    private final int skippedRows;
    private final Thread hook;

    /**
     * Registers the hook.
     *
     * @param store the run's history
     * @param runId the run
     * @param skippedRows the input rows the run skipped as bad data
     */
    InterruptedRun(JdbiHistoryStore store, String runId, int skippedRows) {
        this.store = store;
        this.runId = runId;
        this.skippedRows = skippedRows;
        this.hook = new Thread(this::stopped, "backtest-" + runId + "-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the hook does when the JVM shuts down during the run. */
    void stopped() {
        try {
            if (store.endRun(runId, System.currentTimeMillis(), STATUS, skippedRows)) {
                store.sync();   // the JVM exits next, the database not closed: on disk now, or it is not at all
                LOG.warn("backtest {} stopped before it finished; its run is recorded as interrupted", runId);
            }
        } catch (RuntimeException e) {
            LOG.warn("backtest {} stopped before it finished and could not be recorded so: {}", runId, e.toString());
        }
    }

    /** The run is over (finished or failed): the hook goes. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now or has run: it leaves a finished run as it is
        }
    }
}
