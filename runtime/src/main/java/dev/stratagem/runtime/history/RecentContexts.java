package dev.stratagem.runtime.history;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.CycleRecord;
import java.util.ArrayList;
import java.util.List;

/** The composer inputs of a run's most recent cycles: what a new plugin version is replayed on before it swaps in. */
public final class RecentContexts {

    private final JdbiHistoryStore store;

    /** @param store the history database */
    public RecentContexts(JdbiHistoryStore store) {
        this.store = store;
    }

    /**
     * @param runId a run
     * @param n the most contexts to return
     * @return the contexts of the run's last {@code n} recorded cycles that reached the decision step,
     *     oldest first
     */
    public List<ComposeContext> last(String runId, int n) {
        List<String> json = store.jdbi().withHandle(h -> h.createQuery("SELECT record FROM cycles"
                        + " WHERE run_id = ? AND status <> 'WARMUP' ORDER BY seq DESC LIMIT ?")
                .bind(0, runId).bind(1, n).mapTo(String.class).list());
        List<ComposeContext> contexts = new ArrayList<>(json.size());
        for (int i = json.size() - 1; i >= 0; i--) {
            CycleRecord record = CycleJson.fromJson(json.get(i));
            if (record.context() != null) {
                contexts.add(record.context());
            }
        }
        return contexts;
    }
}
