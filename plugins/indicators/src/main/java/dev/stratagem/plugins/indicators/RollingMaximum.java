package dev.stratagem.plugins.indicators;

/**
 * Maximum of the last {@code n} values pushed, O(1) amortised: a monotonic deque (values decreasing from
 * front to back) held in two ring arrays, so pushing allocates nothing.
 */
final class RollingMaximum {

    private final int n;
    private final long[] positions;
    private final double[] values;
    private int head;
    private int size;
    private long pushed;

    RollingMaximum(int n) {
        this.n = n;
        this.positions = new long[n];
        this.values = new double[n];
    }

    void push(double x) {
        long position = pushed++;
        if (size > 0 && positions[head] <= position - n) {
            head = head + 1 == n ? 0 : head + 1;
            size--;
        }
        while (size > 0 && values[slot(size - 1)] <= x) {
            size--;
        }
        int tail = slot(size);
        positions[tail] = position;
        values[tail] = x;
        size++;
    }

    private int slot(int offset) {
        int i = head + offset;
        return i >= n ? i - n : i;
    }

    /** @return whether {@code n} values were pushed */
    boolean full() {
        return pushed >= n;
    }

    /** @return the maximum of the last {@code n} values (of all of them before {@code n} were pushed) */
    double max() {
        return size == 0 ? Double.NaN : values[head];
    }
}
