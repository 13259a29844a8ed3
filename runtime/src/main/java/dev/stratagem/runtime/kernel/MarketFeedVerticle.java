package dev.stratagem.runtime.kernel;

import dev.stratagem.api.Candle;
import dev.stratagem.runtime.marketdata.MarketReplay;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays recorded bars onto the bus: for each timestamp, every candle on {@code market.candle.<symbol>},
 * then a bar close. It sends the next timestamp once every strategy it sent the last one to has acknowledged
 * it (so it runs as fast as consumers keep up and never floods them; a strategy that joins later takes part
 * from the next bar) and, with a speed factor, no sooner than the bars' real spacing divided by that factor.
 */
final class MarketFeedVerticle extends VerticleBase {

    private final MarketReplay replay;
    /** The strategies that acknowledge bar closes; only touched on the feed's context. */
    private final Set<String> strategies;
    private final double speed;
    private final long fastForwardUntil;
    private final Promise<Long> finished = Promise.promise();
    private MessageConsumer<String> acks;
    private Set<String> awaiting = Set.of();
    private long previousTs = Long.MIN_VALUE;
    private long publishedTs = Long.MIN_VALUE;
    private long sent;
    private volatile boolean stopped;

    /**
     * @param replay the bars to send
     * @param strategies the ids of the strategies that acknowledge each bar close
     * @param speed {@code 0} for as fast as consumers keep up, else the replay speed-up over real time
     */
    MarketFeedVerticle(MarketReplay replay, Collection<String> strategies, double speed) {
        this(replay, strategies, speed, Long.MIN_VALUE);
    }

    /** @param fastForwardUntil bars up to this time go out without the speed delay (a resumed run catching up) */
    MarketFeedVerticle(MarketReplay replay, Collection<String> strategies, double speed, long fastForwardUntil) {
        this.replay = replay;
        this.strategies = new HashSet<>(strategies);
        this.speed = speed;
        this.fastForwardUntil = fastForwardUntil;
    }

    /** @return completes with the number of bar closes sent when the feed is exhausted or stopped */
    Future<Long> finished() {
        return finished.future();
    }

    /**
     * Lets a deployed strategy take part from the next bar on: it skips every bar published before, and the
     * feed waits for its acknowledgement from the next bar close.
     *
     * @return completes once it takes part
     */
    Future<Void> join(StrategyVerticle strategy) {
        Promise<Void> joined = Promise.promise();
        context.runOnContext(v -> {
            strategy.admitAfter(publishedTs);
            strategies.add(strategy.strategyId());
            joined.complete();
        });
        return joined.future();
    }

    void halt() {
        stopped = true;
    }

    @Override
    public Future<?> start() {
        acks = vertx.eventBus().consumer(Addresses.BAR_DONE, m -> {
            if (awaiting.remove(m.body()) && awaiting.isEmpty()) {
                sendNext();
            }
        });
        return acks.completion().onSuccess(v -> vertx.runOnContext(x -> sendNext()));
    }

    private void sendNext() {
        List<Candle> slice = stopped ? List.of() : replay.next();
        if (slice.isEmpty()) {
            vertx.eventBus().publish(Addresses.FEED_END, sent);
            finished.tryComplete(sent);
            return;
        }
        long ts = slice.getFirst().ts();
        long delay = speed > 0 && previousTs != Long.MIN_VALUE && ts > fastForwardUntil ? (long) ((ts - previousTs) / speed) : 0;
        previousTs = ts;
        if (delay >= 1) {
            vertx.setTimer(delay, t -> publish(slice, ts));
        } else {
            publish(slice, ts);
        }
    }

    private void publish(List<Candle> slice, long ts) {
        var bus = vertx.eventBus();
        for (Candle c : slice) {
            bus.publish(Addresses.candle(c.symbol()), c);
        }
        publishedTs = ts;
        awaiting = new HashSet<>(strategies);
        sent++;
        bus.publish(Addresses.BAR_CLOSE, ts);
        if (awaiting.isEmpty()) {
            vertx.runOnContext(x -> sendNext());
        }
    }

    @Override
    public Future<?> stop() {
        finished.tryComplete(sent);
        return acks == null ? Future.succeededFuture() : acks.unregister();
    }
}
