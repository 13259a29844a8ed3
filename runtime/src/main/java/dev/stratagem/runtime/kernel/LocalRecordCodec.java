package dev.stratagem.runtime.kernel;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable records by reference on the local bus. Chosen by a codec selector for every record of
 * the plugin API, rather than registered per class, so no codec ever pins a plugin's classloader. Local
 * only: a record never crosses the wire through this codec. The plugin API's three immutable classes that are not
 * records ({@code ComposeResult}, {@code ComposeContext}, {@code TradeDigest}) travel inside records (a
 * {@code CycleRecord}), never as a message of their own.
 */
public final class LocalRecordCodec implements MessageCodec<Object, Object> {

    static final String NAME = "stratagem-local-record";

    /**
     * Registers the codec and the selector that picks it for every record.
     *
     * @param bus a local event bus
     */
    public static void install(EventBus bus) {
        bus.registerCodec(new LocalRecordCodec());
        bus.codecSelector(body -> body instanceof Record ? NAME : null);
    }

    @Override
    public void encodeToWire(Buffer buffer, Object o) {
        throw new UnsupportedOperationException("records travel on the local bus only");
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("records travel on the local bus only");
    }

    @Override
    public Object transform(Object o) {
        return o;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
