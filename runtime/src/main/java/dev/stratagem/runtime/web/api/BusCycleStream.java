package dev.stratagem.runtime.web.api;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.CycleFilter;
import dev.stratagem.runtime.history.CyclePage;
import dev.stratagem.runtime.history.CycleSummary;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.kernel.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;

/**
 * One SSE connection fed by the running kernel's bus: every cycle record the strategy publishes at
 * {@link Addresses#cycleResult(String)} is sent as it happens, no polling. The history only fills what the bus
 * cannot give: the cycles after the client's cursor that were published before it subscribed (at connect, and
 * when a record arrives ahead of the cursor because the writer had not committed its predecessors yet). All of
 * it runs on the request's event loop: no locks.
 */
final class BusCycleStream {

    /** How long a gap may wait for the history writer to commit it: then the stream moves on past it. */
    private static final int GAP_RETRIES = 40;
    private static final long GAP_RETRY_MILLIS = 50;
    private static final int PAGE = 500;

    private final Vertx vertx;
    private final JdbiHistoryStore store;
    private final HttpServerResponse response;
    private final String runId;
    private final ArrayDeque<CycleSummary> held = new ArrayDeque<>();
    private MessageConsumer<CycleRecord> consumer;
    private long cursor;
    private boolean filling = true;
    private int attempts;

    private BusCycleStream(Vertx vertx, JdbiHistoryStore store, HttpServerResponse response, String runId, long from) {
        this.vertx = vertx;
        this.store = store;
        this.response = response;
        this.runId = runId;
        this.cursor = from;
    }

    /** Subscribes first, then catches up from the history, so no cycle falls between the two. */
    static void open(Vertx vertx, EventBus bus, JdbiHistoryStore store, HttpServerResponse response, String runId,
            String strategyId, long from) {
        BusCycleStream s = new BusCycleStream(vertx, store, response, runId, from);
        s.consumer = bus.consumer(Addresses.cycleResult(strategyId), m -> s.onBus(m.body()));
        response.closeHandler(v -> s.consumer.unregister());
        s.consumer.completion().onComplete(v -> s.fill());
    }

    private void onBus(CycleRecord r) {
        if (!r.runId().equals(runId) || r.sequence() <= cursor || response.closed()) {
            return;
        }
        CycleSummary c = new CycleSummary(r.composeId(), r.runId(), r.sequence(), r.ts(), r.status(),
                r.decision() == null ? "" : r.decision().rationale(),
                r.error() == null ? "" : r.error().step().name(), r.timings().total());
        if (filling) {
            held.add(c);
        } else if (c.sequence() == cursor + 1) {
            send(c);
        } else {
            held.add(c);
            filling = true;
            fill();
        }
    }

    private void fill() {
        vertx.executeBlocking(() -> store.cycles(new CycleFilter(runId, null, null, null, null, null, null, cursor,
                PAGE)), false).onComplete(ar -> {
                    if (response.closed()) {
                        return;
                    }
                    CyclePage page = ar.succeeded() ? ar.result() : new CyclePage(java.util.List.of(), null);
                    page.items().forEach(this::send);
                    if (page.nextAfter() != null) {
                        fill(); // a long catch-up: page on
                    } else if (!held.isEmpty() && held.peek().sequence() > cursor + 1 && attempts++ < GAP_RETRIES) {
                        vertx.setTimer(GAP_RETRY_MILLIS, t -> fill()); // not committed yet: wait for the writer
                    } else {
                        attempts = 0;
                        filling = false;
                        while (!held.isEmpty()) {
                            send(held.poll());
                        }
                    }
                });
    }

    private void send(CycleSummary c) {
        if (c.sequence() <= cursor) {
            return;
        }
        cursor = c.sequence();
        response.write("id: " + c.sequence() + "\nevent: cycle\ndata: " + ApiJson.write(c) + "\n\n");
    }
}
