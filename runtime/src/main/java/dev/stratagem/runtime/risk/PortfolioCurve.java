package dev.stratagem.runtime.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portfolio breaker's equity rebuilt from its sleeves' recorded cycles, for a restart: the portfolio's equity
 * after each cycle is every sleeve's last recorded equity summed (a sleeve with no cycle yet counts its capital), as
 * {@link RiskEngine} sums it when a cycle comes. Fed the cycles in time order, it keeps what {@link CircuitBreaker}
 * kept: the peak since the breaker last started afresh, the equity its day counts losses from, and the cycles since
 * it paused (counted from the cycle whose equity is the pause's; sleeves' cycles of one time are taken in cycle
 * number order, which is a guess at the order their threads ran them in). Without it a restart took the peak and the day's start from the equity at the restart, so the
 * portfolio's drawdown and the day's earlier losses were forgotten.
 */
final class PortfolioCurve {

    private final Map<String, Integer> sleeves = new HashMap<>();
    private final double[] equity;
    private final long peakFrom;
    private final long dayFrom;
    private final long pausedAt;
    private final double pausedEquity;
    private boolean paused;
    private double total;
    private double peak = Double.NaN;
    private double beforeDay = Double.NaN;
    private double firstOfDay = Double.NaN;
    private int cyclesAfterPause;

    /**
     * @param runIds the sleeves' runs
     * @param capitals each sleeve's capital, in the order of {@code runIds}
     * @param peakFrom the time the peak counts from (the breaker's last resume or reset)
     * @param dayFrom the first millisecond of the day being restored
     * @param pausedAt when the breaker paused, {@link Long#MAX_VALUE} if it is not PAUSED
     * @param pausedEquity the portfolio's equity when it paused (the transition's)
     */
    PortfolioCurve(List<String> runIds, double[] capitals, long peakFrom, long dayFrom, long pausedAt,
            double pausedEquity) {
        this.equity = capitals.clone();
        for (int i = 0; i < runIds.size(); i++) {
            sleeves.put(runIds.get(i), i);
        }
        total = sum();
        this.peakFrom = peakFrom;
        this.dayFrom = dayFrom;
        this.pausedAt = pausedAt;
        this.pausedEquity = pausedEquity;
    }

    /** One recorded cycle of a sleeve, in time order; a NaN or infinite equity is skipped, as the breaker skips it. */
    void cycle(String runId, long ts, double sleeveEquity) {
        Integer i = sleeves.get(runId);
        if (i == null || !Double.isFinite(sleeveEquity)) {
            return;
        }
        equity[i] = sleeveEquity;
        total = sum();
        if (ts >= peakFrom) {
            peak = Double.isNaN(peak) ? total : Math.max(peak, total);
        }
        if (ts < dayFrom) {
            beforeDay = total;
        } else if (Double.isNaN(firstOfDay)) {
            firstOfDay = total;
        }
        if (paused) {
            cyclesAfterPause++;
        } else if (ts > pausedAt || ts == pausedAt && total == pausedEquity) {
            // the cycle that paused it (its equity is the transition's), or, if none matched, the first one after
            paused = true;
            if (ts > pausedAt) {
                cyclesAfterPause++;
            }
        }
    }

    /** The sleeves' equity summed in their registration order, as {@link RiskEngine#totalEquity()} sums it. */
    private double sum() {
        double sum = 0;
        for (double e : equity) {
            sum += e;
        }
        return sum;
    }

    /** @return the highest equity since {@code peakFrom}, NaN if no cycle came after it */
    double peak() {
        return peak;
    }

    /** @return the equity the day's losses count from: after the last cycle before the day, else its first; NaN if none */
    double dayStart() {
        return Double.isNaN(beforeDay) ? firstOfDay : beforeDay;
    }

    /** @return the cycles after {@code pausedAt} */
    int cyclesAfterPause() {
        return cyclesAfterPause;
    }
}
