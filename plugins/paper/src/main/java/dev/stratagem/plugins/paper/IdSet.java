package dev.stratagem.plugins.paper;

import java.util.Arrays;

/**
 * The instruction ids a gateway has seen: a set of strings by open addressing. A slot is one {@code long}, the id's
 * hash and its place in {@link #keys}, where the ids are appended in order: a new id, which is every order's in a
 * backtest, reads one table entry a probe instead of a string and a hash from two arrays (the table of a long run
 * outgrows the caches, so each read was a miss). A {@code HashSet} made a node per id and walked bucket chains;
 * inserting into it was ~70% of the gateway's submit (BENCHMARKS.md). Not thread-safe.
 */
final class IdSet {

    /** An empty slot: an id's slot holds its index plus one in the low half. */
    private static final long EMPTY = 0;

    private long[] table = new long[64];
    /** How far the slot's 32 hash bits are shifted right: 32 - log2(table size). */
    private int shift = 32 - 6;
    private String[] keys = new String[32];
    private int size;

    /** @return whether the id was not in the set (it is now) */
    boolean add(String id) {
        int hash = id.hashCode();
        int mask = table.length - 1;
        for (int slot = slot(hash, shift); ; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == EMPTY) {
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                }
                keys[size] = id;
                table[slot] = entry(hash, size);
                if (++size * 2 > table.length) {
                    grow();
                }
                return true;
            }
            if ((int) (entry >>> 32) == hash && keys[(int) entry - 1].equals(id)) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    /** @return the most slots any id sits past its own (for tests: how well the hash spreads) */
    int longestProbe() {
        int mask = table.length - 1;
        int longest = 0;
        for (int i = 0; i < table.length; i++) {
            if (table[i] != EMPTY) {
                longest = Math.max(longest, (i - slot((int) (table[i] >>> 32), shift)) & mask);
            }
        }
        return longest;
    }

    private static long entry(int hash, int index) {
        return (long) hash << 32 | (index + 1);
    }

    /** Fibonacci hashing, the product's top bits: ids that differ in their last digits land far apart. */
    private static int slot(int hash, int shift) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        shift--;
        int mask = table.length - 1;
        for (long entry : old) {
            if (entry != EMPTY) {
                int slot = slot((int) (entry >>> 32), shift);
                while (table[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = entry;
            }
        }
    }
}
