package dev.stratagem.runtime.history;

/**
 * One point of a run's series (equity, or a feature such as the close price).
 *
 * @param sequence the cycle's number in its run
 * @param ts the bar time, epoch milliseconds
 * @param value the value
 */
public record SeriesPoint(long sequence, long ts, double value) {}
