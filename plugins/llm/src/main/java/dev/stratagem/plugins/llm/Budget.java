package dev.stratagem.plugins.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One strategy's token and cost budget. Cost is exact ({@link BigDecimal}): money is never summed in double.
 * Not thread-safe: the queue calls it under its lock.
 */
final class Budget {

    private final long maxTokens;
    private final BigDecimal maxCost;
    private final BigDecimal costPer1kTokens;
    private long tokens;
    private BigDecimal cost = BigDecimal.ZERO;

    /**
     * @param maxTokens the tokens the strategy may spend, {@code Long.MAX_VALUE} for no limit
     * @param maxCost the cost it may spend, {@code null} for no limit
     * @param costPer1kTokens the price of a thousand tokens, {@code BigDecimal.ZERO} if free
     */
    Budget(long maxTokens, BigDecimal maxCost, BigDecimal costPer1kTokens) {
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
        this.costPer1kTokens = costPer1kTokens;
    }

    static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, null, BigDecimal.ZERO);
    }

    /** @return why no further call is allowed, or {@code null} if the budget is not spent */
    String exhausted() {
        if (tokens >= maxTokens) {
            return "token budget spent: " + tokens + " of " + maxTokens;
        }
        if (maxCost != null && cost.compareTo(maxCost) >= 0) {
            return "cost budget spent: " + cost().toPlainString() + " of " + maxCost.toPlainString();
        }
        return null;
    }

    void charge(int usedTokens) {
        tokens += usedTokens;
        cost = cost.add(costPer1kTokens.multiply(BigDecimal.valueOf(usedTokens)).divide(BigDecimal.valueOf(1000), 10,
                RoundingMode.HALF_EVEN));
    }

    long tokens() {
        return tokens;
    }

    BigDecimal cost() {
        return cost.stripTrailingZeros();
    }
}
