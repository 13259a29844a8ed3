package dev.stratagem.plugins.paper;

/**
 * The instruction ids a gateway has seen: a set of strings by open addressing, each slot the string and its hash.
 * A {@code HashSet} made a node per id and walked bucket chains; in a backtest, where every order's id is new,
 * inserting into it was ~70% of the gateway's submit (BENCHMARKS.md). Not thread-safe.
 */
final class IdSet {

    private String[] keys = new String[64];
    private int[] hashes = new int[64];
    private int size;

    /** @return whether the id was not in the set (it is now) */
    boolean add(String id) {
        int hash = id.hashCode();
        int mask = keys.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            String held = keys[slot];
            if (held == null) {
                keys[slot] = id;
                hashes[slot] = hash;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return true;
            }
            if (hashes[slot] == hash && held.equals(id)) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    /** Fibonacci hashing: ids that differ in their last digits land far apart. */
    private static int slot(int hash, int mask) {
        return (hash * 0x9E3779B9 >>> 16) & mask;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slot(oldHashes[i], mask);
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
