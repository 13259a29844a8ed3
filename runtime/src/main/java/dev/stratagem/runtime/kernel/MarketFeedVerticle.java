package dev.stratagem.runtime.kernel;

import dev.stratagem.api.Candle;
import dev.stratagem.runtime.marketdata.MarketReplay;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;

/**
 * Replays recorded bars onto the bus: for each timestamp, every candle on {@code market.candle.<symbol>},
 * then a bar close. It sends the next timestamp once every strategy has acknowledged the last one (so it
 * runs as fast as consumers keep up and never floods them) and, with a speed factor, no sooner than the
 * bars' real spacing divided by that factor.
 */
final class MarketFeedVerticle extends VerticleBase {

    private final MarketReplay replay;
    private final int strategies;
    private final double speed;
    private final long fastForwardUntil;
    private final Promise<Long> finished = Promise.promise();
    private MessageConsumer<String> acks;
    private int awaiting;
    private long previousTs = Long.MIN_VALUE;
    private long sent;
    private volatile boolean stopped;

    /**
     * @param replay the bars to send
     * @param strategies how many strategies acknowledge each bar close
     * @param speed {@code 0} for as fast as consumers keep up, else the replay speed-up over real time
     */
    MarketFeedVerticle(MarketReplay replay, int strategies, double speed) {
        this(replay, strategies, speed, Long.MIN_VALUE);
    }

    /** @param fastForwardUntil bars up to this time go out without the speed delay (a resumed run catching up) */
    MarketFeedVerticle(MarketReplay replay, int strategies, double speed, long fastForwardUntil) {
        this.replay = replay;
        this.strategies = strategies;
        this.speed = speed;
        this.fastForwardUntil = fastForwardUntil;
    }

    /** @return completes with the number of bar closes sent when the feed is exhausted or stopped */
    Future<Long> finished() {
        return finished.future();
    }

    void halt() {
        stopped = true;
    }

    @Override
    public Future<?> start() {
        acks = vertx.eventBus().consumer(Addresses.BAR_DONE, m -> {
            if (--awaiting == 0) {
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
        awaiting = strategies;
        sent++;
        bus.publish(Addresses.BAR_CLOSE, ts);
        if (strategies == 0) {
            vertx.runOnContext(x -> sendNext());
        }
    }

    @Override
    public Future<?> stop() {
        finished.tryComplete(sent);
        return acks == null ? Future.succeededFuture() : acks.unregister();
    }
}
