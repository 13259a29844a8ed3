package dev.stratagem.runtime.web.api;

import dev.stratagem.runtime.history.CycleFilter;
import dev.stratagem.runtime.history.CyclePage;
import dev.stratagem.runtime.history.CycleSummary;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.http.HeadAsGet;
import dev.stratagem.runtime.http.RequestProblem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/runs/{runId}/live}: new cycles of a run as server-sent events ({@code event: cycle},
 * {@code id:} the sequence, {@code data:} the cycle's list line as JSON); a reconnecting browser resumes from
 * {@code Last-Event-ID}. Under {@code stratagem run} the cycles are pushed from the kernel's bus
 * ({@link BusCycleStream}); with no runtime in this process it follows the history, polling it every
 * {@value #POLL_MILLIS} ms, so it works for any writer of the database.
 */
final class LiveCycleStream implements Handler<RoutingContext> {

    static final long POLL_MILLIS = 250;

    private final JdbiHistoryStore store;
    private final EventBus bus;

    /** @param bus the running kernel's bus, or {@code null} to follow the history */
    LiveCycleStream(JdbiHistoryStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        String resume = ctx.request().getHeader("Last-Event-ID");
        Long after = resume != null && resume.matches("\\d{1,18}") ? Long.valueOf(resume) : null;
        long start = after != null ? after : Params.cursor(ctx, "after");
        Vertx vertx = ctx.vertx();
        vertx.executeBlocking(() -> {
            RunRow run = store.run(runId).orElseThrow(() -> RequestProblem.notFound("no run '" + runId + "'"));
            long cursor = start > 0 || ctx.queryParams().contains("after") ? start : store.lastSequence(runId);
            return java.util.Map.entry(run.strategyId(), cursor);
        }, false).onFailure(ctx::fail).onSuccess(found -> {
            if (HeadAsGet.isHead(ctx)) {
                headers(ctx).end();   // a HEAD gets the stream's headers, not a stream that never ends
            } else if (bus == null) {
                stream(ctx, vertx, runId, found.getValue());
            } else {
                BusCycleStream.open(vertx, bus, store, headers(ctx), runId, found.getKey(), found.getValue());
            }
        });
    }

    private static HttpServerResponse headers(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n\n");
        return response;
    }

    private void stream(RoutingContext ctx, Vertx vertx, String runId, long from) {
        HttpServerResponse response = headers(ctx);
        long[] cursor = {from};
        AtomicBoolean busy = new AtomicBoolean();
        long timer = vertx.setPeriodic(POLL_MILLIS, id -> {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> store.cycles(new CycleFilter(runId, null, null, null, null, null, null,
                    cursor[0], 200)), false).onComplete(ar -> {
                        busy.set(false);
                        if (ar.succeeded() && !response.closed()) {
                            send(response, ar.result(), cursor);
                        }
                    });
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
        ctx.request().connection().closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static void send(HttpServerResponse response, CyclePage page, long[] cursor) {
        StringBuilder out = new StringBuilder();
        for (CycleSummary c : page.items()) {
            out.append("id: ").append(c.sequence()).append("\nevent: cycle\ndata: ").append(ApiJson.write(c))
                    .append("\n\n");
            cursor[0] = c.sequence();
        }
        if (!out.isEmpty()) {
            response.write(out.toString());
        }
    }
}
