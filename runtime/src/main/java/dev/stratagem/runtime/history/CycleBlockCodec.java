package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.VerdictOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@code cycle_blocks} row, format {@value #FORMAT}: the block's cycle records in a compact
 * binary form ({@link BlockEncoder}, {@link BlockDecoder}). Numbers are zig-zag varints, enums their names, and
 * every string is written once per block (as UTF-8, or as UTF-16 if it holds a surrogate, so an unpaired one
 * survives), later occurrences as a reference: symbols, statuses, component versions, feature names and run ids
 * cost a byte or two per record. {@code decode(encode(records)).equals(records)}, bit for bit.
 *
 * <p>Format 2 (format 1 wrote every double as its 8 bytes, each portfolio in full and every cycle's step times):
 * <ul>
 *   <li>a double is a tag byte, then what the tag says: {@code 0..}{@value #REAL_MAX_DECIMALS}, a decimal with
 *       that many decimals, its unscaled value as a varint (used only when {@code unscaled / 10^decimals}, one
 *       correctly rounded division, gives the double's bits back: prices, quantities, cash); {@link #REAL_REPEAT},
 *       the block's previous double again; {@link #REAL_RAW}, the 8 bytes; {@link #REAL_POS_INF},
 *       {@link #REAL_NEG_INF}, {@link #REAL_NAN} (the canonical NaN; any other NaN is raw);</li>
 *   <li>a portfolio's presence byte is {@code 2} for the very portfolio the block wrote last (a cycle that did not
 *       trade has the same portfolio before and after);</li>
 *   <li>the step times of a cycle that was not timed are a count of 0;</li>
 *   <li>a new string that is the record's run id followed by ASCII (compose and instruction ids) is {@code 3}, the
 *       run id's index and the rest; references are {@code 4 + index} (format 1: {@code 3 + index}).</li>
 * </ul>
 * In the bench's 1M-bar backtest at record level activity that took a record from 707 to 360 bytes, and the
 * database file from 77-79 to 52-55 MB: the bytes H2 stores, the collector copies and the disk takes were the
 * biggest cost of recording a backtest (BENCHMARKS.md).
 *
 * <p>Format 3 writes what a run repeats from one recorded cycle to the next as a reference, to spend less of the
 * replay's thread on it (a backtest encodes each recorded cycle there):
 * <ul>
 *   <li>a non-empty guardrail verdict list is followed by a byte: {@code 0}, the verdicts in full; {@code 1}, the
 *       block's verdict template again with this list's instruction id and quantity. The template is the last list
 *       written in full that is {@linkplain #uniform uniform}: one instruction, every quantity before and after the
 *       same (an order every check accepted unchanged: thirteen verdicts in a backtest);</li>
 *   <li>a feature vector's count of values is followed by a byte: {@code 1}, the names of the block's previous
 *       vector again; {@code 0}, the names, each before its value as in format 2;</li>
 *   <li>a portfolio's constraints presence byte is {@code 2} for constraints equal to the block's last written;</li>
 *   <li>a double that is not the previous one is looked up in a table of 16 recent doubles, its slot chosen by its
 *       bits ({@link #recentSlot}): if it is there, it is one byte, {@link #REAL_RECENT} plus the slot, else it is
 *       written as in format 2 and takes the slot (a repeat of the previous double leaves the table as it is). A
 *       record's prices, quantities, cash and equity come back within a few fields: 7.7 of the 22.8 doubles of a
 *       bench record;</li>
 *   <li>every time in a record but the record's own (of its context, features, portfolios, positions, digest,
 *       fills and closed trades) is its difference from the record's time: mostly 0, a byte instead of six.</li>
 * </ul>
 *
 * <p>Format 4 writes a rationale the composer gave as a pattern and its numbers
 * ({@link dev.stratagem.api.RationaleValues}) as such: a decision's rationale is a byte, {@code 1}, the pattern (a
 * string: a reference after its first record) and its numbers (a count, then each as a double), or {@code 0} and
 * the text. The SMA composer's rationale averaged 59 of a record's 239 bytes, and writing its text was the history
 * writer's work, once a recorded cycle; its numbers are mostly doubles the record has just written (its averages are
 * also features). The reader renders the same text. And a context's digest entry count of {@code -1} is the
 * block's previous entry list again: it changes only when a trade closes, and each entry's win rate, a ratio with
 * no short decimal, was 9 bytes and the longest search for one.
 *
 * <p>Hand-written instead of a Jackson binary format: Smile, tried first, spent ~5 us per record reading record
 * fields reflectively, which was 80% of the history writer's time (BENCHMARKS.md).
 */
final class CycleBlockCodec {

    /** The {@code format} column of the blocks this codec writes. */
    static final int FORMAT = 4;
    /** Format 3, still read: rationales as text only. */
    static final int FORMAT_3 = 3;
    /** Format 2, still read: no verdict templates, feature name or constraints references. */
    static final int FORMAT_2 = 2;
    /** The first format, still read: doubles as 8 bytes, no portfolio references, every step time. */
    static final int FORMAT_1 = 1;

    /** Format 2's tags for a double (see above). */
    static final int REAL_MAX_DECIMALS = 9;
    static final int REAL_REPEAT = 10;
    static final int REAL_RAW = 11;
    static final int REAL_POS_INF = 12;
    static final int REAL_NEG_INF = 13;
    static final int REAL_NAN = 14;
    /** Format 3: {@code REAL_RECENT + k}, the double in slot {@code k} of the block's recent doubles. */
    static final int REAL_RECENT = 16;
    /** Slots of recent doubles: a written double goes to {@link #recentSlot} of its bits. */
    static final int RECENT_SLOTS = 16;
    /** 10^0 .. 10^{@value #REAL_MAX_DECIMALS}, each exact in a double. */
    static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

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
        if (format < FORMAT_1 || format > FORMAT) {
            throw new IllegalStateException("cycle block " + where + " has format " + format + "; this runtime reads "
                    + "formats " + FORMAT_1 + " to " + FORMAT + " (written by a newer Stratagem?)");
        }
        try {
            return new BlockDecoder(payload, format).decode();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cycle block " + where + " is not readable: " + e.getMessage(), e);
        }
    }

    /** @return the recent-doubles slot of a double's bits (Fibonacci hashing: its top four bits) */
    static int recentSlot(long bits) {
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> 60);
    }

    /**
     * @param verdicts a non-empty verdict list
     * @return whether its verdicts are all for one instruction and every quantity, before and after, is the same
     */
    static boolean uniform(List<GuardrailVerdict> verdicts) {
        GuardrailVerdict first = verdicts.getFirst();
        long quantity = Double.doubleToRawLongBits(first.quantityBefore());
        for (int i = 0; i < verdicts.size(); i++) {
            if (!sameOrder(verdicts.get(i), first.instructionId(), quantity)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the verdict is for this instruction and left this quantity (its bits) as it was */
    private static boolean sameOrder(GuardrailVerdict v, String instructionId, long quantity) {
        return v.instructionId().equals(instructionId) && Double.doubleToRawLongBits(v.quantityBefore()) == quantity
                && Double.doubleToRawLongBits(v.quantityAfter()) == quantity;
    }

    /**
     * The checks, outcomes and reasons of a {@linkplain #uniform uniform} verdict list, in its order, in arrays: a
     * new list is compared with them without reading the objects of the list they came from (13 objects an order
     * earlier, out of the replay thread's nearer caches by then).
     */
    static final class VerdictTemplate {

        private final String[] checks;
        private final VerdictOutcome[] outcomes;
        private final String[] reasons;

        /** @param verdicts a uniform, non-empty verdict list */
        VerdictTemplate(List<GuardrailVerdict> verdicts) {
            int n = verdicts.size();
            checks = new String[n];
            outcomes = new VerdictOutcome[n];
            reasons = new String[n];
            for (int i = 0; i < n; i++) {
                GuardrailVerdict v = verdicts.get(i);
                checks[i] = v.check();
                outcomes[i] = v.outcome();
                reasons[i] = v.reason();
            }
        }

        int size() {
            return checks.length;
        }

        /**
         * @param verdicts a non-empty verdict list
         * @return whether the list is uniform and has these checks, outcomes and reasons: then its first verdict's
         *     instruction id and quantity say all of it
         */
        boolean fits(List<GuardrailVerdict> verdicts) {
            if (verdicts.size() != checks.length) {
                return false;
            }
            GuardrailVerdict first = verdicts.getFirst();
            long quantity = Double.doubleToRawLongBits(first.quantityBefore());
            for (int i = 0; i < checks.length; i++) {   // one pass: the template's fields and uniformity
                GuardrailVerdict v = verdicts.get(i);
                if (v.outcome() != outcomes[i] || !v.check().equals(checks[i]) || !v.reason().equals(reasons[i])
                        || !sameOrder(v, first.instructionId(), quantity)) {
                    return false;
                }
            }
            return true;
        }

        /** @return the verdicts this template and an instruction id and quantity stand for */
        List<GuardrailVerdict> verdicts(String instructionId, double quantity) {
            List<GuardrailVerdict> verdicts = new ArrayList<>(checks.length);
            for (int i = 0; i < checks.length; i++) {
                verdicts.add(new GuardrailVerdict(instructionId, checks[i], outcomes[i], quantity, quantity,
                        reasons[i]));
            }
            return verdicts;
        }
    }
}
