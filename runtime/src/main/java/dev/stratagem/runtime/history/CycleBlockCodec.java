package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import java.util.List;

/**
 * The payload of a {@code cycle_blocks} row, format {@value #FORMAT}: the block's cycle records in a compact
 * binary form ({@link BlockEncoder}, {@link BlockDecoder}). Numbers are zig-zag varints, doubles their 8 bytes
 * (NaN, infinities and -0.0 stay as they were), enums their names, and every string is written once per block (as
 * UTF-8, or as UTF-16 if it holds a surrogate, so an unpaired one survives), later occurrences as a reference: symbols, statuses, component versions, feature names and run ids cost a
 * byte or two per record. {@code decode(encode(records)).equals(records)}.
 *
 * <p>Hand-written instead of a Jackson binary format: Smile, tried first, spent ~5 us per record reading record
 * fields reflectively, which was 80% of the history writer's time (BENCHMARKS.md).
 */
final class CycleBlockCodec {

    /** The {@code format} column of the blocks this codec writes. */
    static final int FORMAT = 1;

    private CycleBlockCodec() {}

    static byte[] encode(List<CycleRecord> records) {
        return new BlockEncoder().encode(records);
    }

    /**
     * @param format the block's {@code format} column
     * @param payload the block's payload
     * @param where the run and first sequence, for the error message
     * @return the records, in sequence order
     * @throws IllegalStateException if the payload is not a block of this format
     */
    static List<CycleRecord> decode(int format, byte[] payload, String where) {
        if (format != FORMAT) {
            throw new IllegalStateException("cycle block " + where + " has format " + format + "; this runtime reads "
                    + "format " + FORMAT + " (written by a newer Stratagem?)");
        }
        try {
            return new BlockDecoder(payload).decode();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cycle block " + where + " is not readable: " + e.getMessage(), e);
        }
    }
}
