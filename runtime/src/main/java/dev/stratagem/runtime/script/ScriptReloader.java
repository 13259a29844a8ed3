package dev.stratagem.runtime.script;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.TradeInstruction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a script composer from its folder: builds the new version in a fresh context off the strategy's
 * thread, validates it like a plugin by replaying the last recorded cycle contexts through it (every call
 * must succeed and every order must have a finite positive quantity), and offers it to the composer,
 * which swaps it in at the next cycle boundary, handing over the old version's {@code save()} state. A
 * version that fails is refused with the reason, and the old one keeps running.
 */
public final class ScriptReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptReloader.class);

    private final ScriptComposer composer;
    private final ExecutorService builder;

    /** @param composer the script composer to reload */
    public ScriptReloader(ScriptComposer composer) {
        this.composer = composer;
        this.builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "script-reload-" + composer.id());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Builds and validates the script as it is on disk now, off the caller's thread.
     *
     * @return the outcome; an accepted version serves from the composer's next cycle
     */
    public CompletableFuture<ReloadOutcome> reload() {
        return CompletableFuture.supplyAsync(this::buildAndValidate, builder);
    }

    private ReloadOutcome buildAndValidate() {
        long started = System.nanoTime();
        String old = composer.version().sha256();
        ScriptProgram next;
        try {
            next = composer.recipe().build();
        } catch (ScriptException | ScriptFailure e) {
            return refused(old, "", e.getMessage(), 0, started);
        }
        List<ComposeContext> replay = composer.recentContexts();
        try {
            List<String> missing = next.api.required().stream()
                    .filter(name -> !composer.recipe().featureNames().contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new ScriptFailure("the new version reads features " + missing
                        + " the pipeline does not produce", false);
            }
            for (ComposeContext context : replay) {
                ComposeResult result = ScriptComposer.run(next, context);
                for (TradeInstruction order : result.instructions()) {
                    if (!Double.isFinite(order.quantity()) || order.quantity() <= 0) {
                        throw new ScriptFailure("replaying cycle " + context.composeId() + ": order " + order.side()
                                + " " + order.symbol() + " has quantity " + order.quantity(), false);
                    }
                }
            }
        } catch (ScriptFailure e) {
            next.close();
            return refused(old, next.sha256, e.getMessage(), replay.size(), started);
        }
        composer.offer(next);
        ReloadOutcome outcome = new ReloadOutcome(composer.id(), true, old, next.sha256, "", replay.size(),
                System.nanoTime() - started);
        LOG.info("script {}: version {} built and validated against {} cycles in {} ms; it serves from the next cycle",
                composer.id(), next.sha256, replay.size(), outcome.buildNanos() / 1_000_000);
        return outcome;
    }

    private ReloadOutcome refused(String old, String sha, String reason, int replayed, long started) {
        LOG.warn("script {}: new version refused, {} keeps running: {}", composer.id(), old, reason);
        return new ReloadOutcome(composer.id(), false, old, sha, reason, replayed, System.nanoTime() - started);
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }
}
