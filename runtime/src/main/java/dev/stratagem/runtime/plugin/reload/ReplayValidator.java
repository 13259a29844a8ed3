package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.cycle.StrategyComponents;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays a strategy's recorded cycle contexts through a candidate version's fresh composer, on a thread of
 * its own (never the strategy's) within a time budget. The candidate must not throw, hang or return an
 * invalid instruction (unknown symbol, non-finite or non-positive size). Each context is handed over as
 * {@link dev.stratagem.api.RunMode#REPLAY}: it was decided already, so a composer that calls a model answers
 * from its recording instead of paying for a call whose answer is thrown away.
 */
final class ReplayValidator {

    private ReplayValidator() {}

    static void validate(String strategyId, StrategyComponents candidate, List<ComposeContext> contexts,
            Set<String> symbols, Duration budget) throws RefusedException {
        CompletableFuture<String> replay = new CompletableFuture<>();
        Thread.ofVirtual().name("reload-replay-" + strategyId).start(() -> {
            try {
                replay.complete(replay(candidate, contexts, symbols));
            } catch (Throwable t) {
                replay.completeExceptionally(t);
            }
        });
        String problem;
        try {
            problem = replay.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            problem = "replay of " + contexts.size() + " cycles did not finish within " + budget.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted during the replay";
        } catch (ExecutionException e) {
            problem = e.getCause().toString();
        }
        if (problem != null) {
            throw new RefusedException("strategy '" + strategyId + "': " + problem);
        }
    }

    /** @return what went wrong, or null */
    private static String replay(StrategyComponents candidate, List<ComposeContext> contexts, Set<String> symbols) {
        for (ComposeContext recorded : contexts) {
            ComposeContext context = recorded.replayed();
            ComposeResult result;
            try {
                result = candidate.composer().compose(context);
            } catch (RuntimeException e) {
                return "composer threw on replay of cycle " + context.composeId() + ": " + e;
            }
            if (result == null) {
                return "composer returned null on replay of cycle " + context.composeId();
            }
            for (TradeInstruction i : result.instructions()) {
                if (i == null || !symbols.contains(i.symbol()) || !Double.isFinite(i.quantity()) || !(i.quantity() > 0)) {
                    return "composer returned an invalid instruction on replay of cycle " + context.composeId()
                            + ": " + i + " (symbols " + symbols + ", quantity must be finite and > 0)";
                }
            }
        }
        return null;
    }
}
