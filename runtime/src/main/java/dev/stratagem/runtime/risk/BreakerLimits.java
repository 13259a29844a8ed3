package dev.stratagem.runtime.risk;

/**
 * The levels at which a breaker moves to REDUCING, PAUSED and HALTED, as fractions (0.1 = 10 %), for the
 * drawdown from the running equity peak and for the loss since the start of the (UTC) day. A level of
 * {@code +Infinity} is off. How a PAUSED breaker resumes: {@code resumeBars > 0} after that many cycles,
 * else at the next day.
 */
public record BreakerLimits(double reduceDrawdown, double pauseDrawdown, double haltDrawdown,
        double reduceDailyLoss, double pauseDailyLoss, double haltDailyLoss, int resumeBars) {

    /** Validates the order of the levels. */
    public BreakerLimits {
        ordered("drawdown", reduceDrawdown, pauseDrawdown, haltDrawdown);
        ordered("dailyLoss", reduceDailyLoss, pauseDailyLoss, haltDailyLoss);
        if (resumeBars < 0) {
            throw new IllegalArgumentException("resumeBars must not be negative, was " + resumeBars);
        }
    }

    /** No breaker levels at all. */
    public static final BreakerLimits OFF = new BreakerLimits(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);

    BreakerState level(double drawdown, double dailyLoss) {
        BreakerState a = level(drawdown, reduceDrawdown, pauseDrawdown, haltDrawdown);
        BreakerState b = level(dailyLoss, reduceDailyLoss, pauseDailyLoss, haltDailyLoss);
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static BreakerState level(double x, double reduce, double pause, double halt) {
        return x >= halt ? BreakerState.HALTED : x >= pause ? BreakerState.PAUSED
                : x >= reduce ? BreakerState.REDUCING : BreakerState.ACTIVE;
    }

    private static void ordered(String what, double reduce, double pause, double halt) {
        if (!(reduce > 0 && reduce <= pause && pause <= halt)) {
            throw new IllegalArgumentException(what + " levels must be positive and reduce <= pause <= halt, were "
                    + reduce + ", " + pause + ", " + halt);
        }
    }
}
