package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.MetricsSink;
import dev.stratagem.api.MetricsSource;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.RunMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the LLM composers share: the common parameters, the session, the repair-once rule, the stop-loss /
 * take-profit exits checked before the model is asked ({@link ProtectiveExits}), and turning a failed call
 * into a NOOP (stale) or the fallback rule's decision (unavailable, over budget). A missing replay answer is
 * not caught: it fails the cycle, naming the compose id and the hash.
 *
 * <p>A context the runtime replays ({@link RunMode#REPLAY}: resume priming, hot-reload validation and warm-up)
 * never reaches the model, whatever the mode: the stop-loss / take-profit checks and the fallback rule's
 * memory run as in any cycle, every call is answered from the journal ({@link RecordedAnswers}), and a call
 * the journal does not hold ends the decision as a NOOP, {@value #NOT_RECORDED}. Such a context opens no
 * session and touches no queue.
 *
 * <p>{@link #close} gives the session's use of the shared queue back; the runtime closes a composer it
 * built for a validation and does not run, and the plugin's stop closes whatever queue is left.
 */
abstract class ModelBackedComposer implements DecisionComposer, MetricsSource, AutoCloseable {

    /** The rationale of a replayed decision the journal cannot answer. */
    static final String NOT_RECORDED = "replay: no recorded answer, the model is not called";

    /** A replayed call the journal has no outcome for: ends the decision as a NOOP. */
    private static final class NotRecorded extends RuntimeException {
        NotRecorded() {
            super(NOT_RECORDED, null, false, false);
        }
    }

    /** An answer that broke its contract even after the one repair. */
    static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(String stage, List<String> errors) {
            super(stage + " answer invalid after one repair: " + String.join("; ", errors), null, false, false);
        }
    }

    private LlmSettings settings;
    private volatile LlmSession session; // volatile: collect() reads it on the scrape thread
    private RecordedAnswers recorded; // for replayed contexts, opened on the first
    private final ProtectiveExits exits = new ProtectiveExits();

    /** @return the parameter keys beyond {@link LlmSettings#KEYS} */
    abstract Set<String> templateKeys();

    /** Reads the subclass's templates. */
    abstract void configureTemplates(Parameters params);

    /**
     * @return the decision
     * @throws ChatFailure if a call failed
     * @throws InvalidAnswer if an answer stayed invalid after its repair
     */
    abstract ComposeResult decide(ComposeContext ctx, Transcript transcript);

    @Override
    public final void configure(Parameters params) {
        Set<String> keys = new HashSet<>(LlmSettings.KEYS);
        keys.addAll(templateKeys());
        params.requireOnly(id(), keys);
        LlmSettings settings = LlmSettings.from(params);
        configureTemplates(params);
        // The strategy id is not known at configure time; the session opens on the first cycle.
        this.settings = settings;
        close();
        this.recorded = null;
    }

    @Override
    public final Set<String> requiredFeatures() {
        if (settings == null) {
            return Set.of();
        }
        Set<String> all = new HashSet<>(settings.requiredFeatures());
        all.addAll(ProtectiveExits.FEATURES);
        return Set.copyOf(all);
    }

    /** Hands the armed stop-loss / take-profit levels to the next version (JDK types only). */
    @Override
    public final Map<String, Object> snapshot() {
        Map<String, Object> levels = exits.snapshot();
        return levels.isEmpty() ? Map.of() : Map.of("exitLevels", levels);
    }

    @Override
    public final void restore(Map<String, Object> state) {
        if (state.containsKey("exitLevels")) {
            exits.restore(state.get("exitLevels"));
        }
    }

    @Override
    public final ComposeResult compose(ComposeContext ctx) {
        if (settings == null) {
            throw new IllegalStateException(id() + " is not configured: 'model' and a template are required");
        }
        if (ctx.mode() == RunMode.REPLAY) {
            if (recorded == null) {
                recorded = RecordedAnswers.of(settings.recordings(), ctx.strategyId());
            }
        } else if (session == null) {
            session = LlmSession.open(settings, ctx.strategyId(), ctx.mode());
        }
        SmaFallbackRule fallback = settings.fallback();
        if (fallback != null) {
            fallback.observe(ctx);
        }
        ComposeResult exit = exits.check(ctx);
        if (exit != null) {
            return exit; // no model call: the levels were agreed when the position was opened
        }
        Transcript transcript = new Transcript();
        try {
            return decide(ctx, transcript);
        } catch (NotRecorded e) {
            return ComposeResult.noop(transcript.appendTo(NOT_RECORDED));
        } catch (InvalidAnswer e) {
            return ComposeResult.noop(transcript.appendTo("NOOP: " + e.getMessage()));
        } catch (ChatFailure f) {
            if (f.kind() == ChatFailure.Kind.DEADLINE) {
                return ComposeResult.noop(transcript.appendTo("NOOP: stale decision, " + f.getMessage()));
            }
            if (fallback == null) {
                return ComposeResult.noop(transcript.appendTo("NOOP: model unavailable, " + f.getMessage()));
            }
            ComposeResult r = fallback.decide(ctx);
            transcript.fallback("sma-crossover");
            return new ComposeResult(r.instructions(), transcript.appendTo(
                    "fallback sma-crossover (model unavailable, " + f.getMessage() + "): " + r.rationale()));
        }
    }

    /** The shared request queue's metrics, once the first cycle opened the session ({@link QueueMetrics#reportTo}). */
    @Override
    public final void collect(MetricsSink sink) {
        LlmSession s = session;
        if (s != null) {
            s.collect(sink);
        }
    }

    /** Gives the session's use of the shared queue back; a later non-replayed cycle would open a new one. */
    @Override
    public void close() {
        LlmSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    LlmSession session() {
        return session;
    }

    /** @return the request the settings make of a system and a user message */
    final ChatRequest request(String system, String user) {
        return LlmSession.request(settings, system, user);
    }

    /**
     * Asks, and on an answer that breaks the contract asks once more with the errors.
     *
     * @param errors the contract: the errors of an answer, empty if it is valid
     * @return a valid answer
     */
    final String ask(ComposeContext ctx, String stage, ChatRequest request, Function<String, List<String>> errors,
            Transcript transcript) {
        String answer = call(ctx, stage, request, transcript);
        List<String> found = errors.apply(answer);
        if (found.isEmpty()) {
            return answer;
        }
        ChatRequest repair = request.plus(new ChatRequest.ChatMessage("assistant", answer))
                .plus(new ChatRequest.ChatMessage("user", "Your answer broke the contract: " + String.join("; ", found)
                        + ". Answer again with only the corrected JSON object."));
        String second = call(ctx, stage + "-repair", repair, transcript);
        List<String> still = errors.apply(second);
        if (!still.isEmpty()) {
            throw new InvalidAnswer(stage, still);
        }
        return second;
    }

    /** The model through the session, or for a replayed context the journal: never the model. */
    private String call(ComposeContext ctx, String stage, ChatRequest request, Transcript transcript) {
        if (ctx.mode() != RunMode.REPLAY) {
            return session.call(ctx, stage, request, transcript);
        }
        String hash = PromptJournal.hash(request);
        PromptJournal.Entry e = recorded.find(ctx.composeId(), stage, hash);
        if (e == null) {
            throw new NotRecorded();
        }
        if (e.failure() != null) {
            transcript.failure(stage, settings.model(), hash, e.failure());
            throw e.failure();
        }
        transcript.answer(stage, settings.model(), hash, e.answer());
        return e.answer();
    }

    /** @return the cycle's symbols */
    static Set<String> symbols(ComposeContext ctx) {
        Set<String> s = new HashSet<>();
        ctx.features().forEach(f -> s.add(f.symbol()));
        return s;
    }

    static List<String> decisionErrors(String answer, Set<String> symbols) {
        return DecisionSchema.read(answer, symbols) instanceof DecisionSchema.Invalid i ? i.errors() : List.of();
    }

    /**
     * The result of a valid decision answer, below {@code minConfidence} a NOOP; otherwise its entries arm
     * their stop-loss / take-profit.
     *
     * @param levels levels proposed before the answer (the Risk stage), by symbol; the answer's own win
     */
    final ComposeResult result(ComposeContext ctx, String answer, Set<String> symbols,
            Map<String, ProtectiveExits.Proposal> levels, Transcript transcript) {
        DecisionSchema.Decision d = ((DecisionSchema.Valid) DecisionSchema.read(answer, symbols)).decision();
        String text = d.rationale() + " (confidence " + d.confidence() + ")";
        if (d.confidence() < settings.minConfidence()) {
            return ComposeResult.noop(transcript.appendTo("NOOP: confidence " + d.confidence() + " below minConfidence "
                    + settings.minConfidence() + "; " + text));
        }
        Map<String, ProtectiveExits.Proposal> all = new HashMap<>(levels);
        all.putAll(d.levels());
        String notes = exits.arm(ctx, d.instructions(), all);
        return new ComposeResult(d.instructions(), transcript.appendTo(notes.isEmpty() ? text : text + "; " + notes));
    }
}
