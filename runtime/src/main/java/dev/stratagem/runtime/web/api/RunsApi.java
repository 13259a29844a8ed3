package dev.stratagem.runtime.web.api;

import dev.stratagem.runtime.history.CycleFilter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.PriceSeries;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.http.RequestProblem;
import dev.stratagem.runtime.web.ControlPlane;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** {@code /api/runs} and {@code /api/cycles}: runs, filtered cycle pages, series, trades, one cycle's record. */
final class RunsApi {

    /** How long a running run's trades may take to come from its strategy. */
    private static final long LIVE_TIMEOUT_SECONDS = 5;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    private final JdbiHistoryStore store;
    private final ControlPlane control;

    RunsApi(JdbiHistoryStore store, ControlPlane control) {
        this.store = store;
        this.control = control;
    }

    void list(RoutingContext ctx) {
        ApiJson.send(ctx, store.runs());
    }

    void one(RoutingContext ctx) {
        ApiJson.send(ctx, run(ctx));
    }

    void cycles(RoutingContext ctx) {
        String runId = run(ctx).runId();
        String component = Params.text(ctx, "component", 300);
        String id = component;
        String version = null;
        if (component != null && component.contains("@")) {
            id = component.substring(0, component.indexOf('@'));
            version = component.substring(component.indexOf('@') + 1);
        }
        Long from = Params.time(ctx, "from");
        Long to = Params.time(ctx, "to");
        if (from != null && to != null && from > to) {
            throw RequestProblem.badRequest("query parameter 'from' (" + ctx.queryParams().get("from")
                    + ") is after 'to' (" + ctx.queryParams().get("to") + ")");
        }
        CycleFilter filter = new CycleFilter(runId, Params.status(ctx), id, version, from, to,
                Params.text(ctx, "q", 200), Params.cursor(ctx, "after"),
                Params.integer(ctx, "limit", 50, 1, CycleFilter.MAX_LIMIT));
        ApiJson.send(ctx, store.cycles(filter));
    }

    void equity(RoutingContext ctx) {
        String runId = run(ctx).runId();
        ApiJson.send(ctx, store.equitySeries(runId, Params.integer(ctx, "points", 500, 2, 5000)));
    }

    void prices(RoutingContext ctx) {
        String runId = run(ctx).runId();
        String feature = Params.text(ctx, "feature", 100);
        feature = feature == null ? "close" : feature;
        if (!NAME.matcher(feature).matches()) {
            throw RequestProblem.badRequest("query parameter 'feature' must be a feature name, was '" + feature + "'");
        }
        PriceSeries series = store.priceSeries(runId, feature, Params.integer(ctx, "points", 500, 2, 5000));
        if (series.points().isEmpty()) {
            List<String> recorded = featuresOfLatestCycle(runId);
            if (!recorded.isEmpty() && !recorded.contains(feature)) {
                throw RequestProblem.notFound("run '" + runId + "' recorded no feature '" + feature
                        + "'; its features: " + String.join(", ", recorded));
            }
        }
        ApiJson.send(ctx, series);
    }

    /** @return the feature names of the run's latest recorded cycle, empty if it recorded none with features */
    private List<String> featuresOfLatestCycle(String runId) {
        long last = store.lastSequence(runId);
        return store.cycles(runId, last - 1, 1).stream().findFirst()
                .flatMap(row -> store.cycle(row.composeId()))
                .filter(r -> r.context() != null)
                .map(r -> r.context().features().stream().flatMap(f -> f.names().stream()).distinct().toList())
                .orElse(List.of());
    }

    /**
     * A finished run's trades from the history (on a worker thread); a run going on in this process, from its ledger
     * (open ones too), read on its strategy's context: this handler runs on the event loop and waits for neither.
     */
    void trades(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        control.liveTrades(runId).ifPresentOrElse(
                live -> live.timeout(LIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .onSuccess(trades -> ApiJson.send(ctx, trades))
                        .onFailure(e -> ctx.fail(new RequestProblem(503, "run " + runId + "'s strategy did not give"
                                + " its trades within " + LIVE_TIMEOUT_SECONDS + " s (a long cycle?); ask again"))),
                () -> ctx.vertx().executeBlocking(() -> store.trades(run(ctx).runId()), false)
                        .onSuccess(trades -> ApiJson.send(ctx, trades)).onFailure(ctx::fail));
    }

    void cycle(RoutingContext ctx) {
        String composeId = ctx.pathParam("composeId");
        ApiJson.sendRaw(ctx, store.cycleJson(composeId)
                .orElseThrow(() -> RequestProblem.notFound("no recorded cycle '" + composeId + "'")));
    }

    private RunRow run(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        return store.run(runId).orElseThrow(() -> RequestProblem.notFound("no run '" + runId + "'"));
    }
}
