package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.MetricsSink;
import dev.stratagem.api.RunMode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One strategy's way to the model: through the shared queue (live, record) or the journal (replay), recording
 * every outcome in record mode and noting every call in the cycle's {@link Transcript}. The mode is fixed when
 * the session opens, on the first cycle, from the parameter and the run mode. It holds one use of the shared
 * queue until {@link #close}.
 */
final class LlmSession implements AutoCloseable {

    private final LlmSettings settings;
    private final LlmSettings.Mode mode;
    private final LlmRequestQueue queue;
    private final PromptJournal journal;
    private boolean closed;

    LlmSession(LlmSettings settings, LlmSettings.Mode mode, LlmRequestQueue queue, PromptJournal journal) {
        this.settings = settings;
        this.mode = mode;
        this.queue = queue;
        this.journal = journal;
    }

    /**
     * Connects to the shared queue of the endpoint (not in replay) and opens the journal (not in live).
     *
     * @param run the run mode, which decides the session's mode when the parameter is {@code auto}; never
     *     {@code REPLAY}, whose contexts the composer answers from {@link RecordedAnswers} without a session
     */
    static LlmSession open(LlmSettings s, String strategyId, RunMode run) {
        LlmSettings.Mode mode = s.effectiveMode(run);
        LlmRequestQueue queue = null;
        if (mode != LlmSettings.Mode.REPLAY) {
            queue = SharedQueues.acquire(s.baseUrl(), s.apiKey(), s.timeout(), s.queue());
            queue.budget(strategyId, s.tokenBudget(), s.costBudget(), s.costPer1kTokens());
        }
        PromptJournal journal = switch (mode) {
            case LIVE, AUTO -> null;
            case RECORD -> PromptJournal.forRecording(s.recordings(), strategyId);
            case REPLAY -> PromptJournal.forReplay(s.recordings(), strategyId);
        };
        return new LlmSession(s, mode, queue, journal);
    }

    /**
     * Reports the shared queue's metrics, tagged with its endpoint (credentials in the URL left out); nothing
     * in replay, which has no queue. Called on the scrape thread: the queue takes its own lock.
     */
    void collect(MetricsSink sink) {
        if (queue != null) {
            queue.metrics().reportTo(queueName(settings.baseUrl()), sink.shared());
        }
    }

    /**
     * @return the base URL without user info, query or fragment, for a metric tag: any of them can carry a
     *     credential ({@code ?key=...}); a URL that does not parse is tagged {@code unparsable}, never verbatim
     */
    static String queueName(String baseUrl) {
        try {
            java.net.URI u = new java.net.URI(baseUrl);
            if (u.getHost() == null) {
                return "unparsable";
            }
            return new java.net.URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (java.net.URISyntaxException e) {
            return "unparsable";
        }
    }

    /** @return the shared queue, {@code null} in replay */
    LlmRequestQueue queue() {
        return queue;
    }

    LlmSettings settings() {
        return settings;
    }

    /** @return the resolved mode: never {@code AUTO} */
    LlmSettings.Mode mode() {
        return mode;
    }

    /** Gives the shared queue back (the last user closes it). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed && queue != null) {
            SharedQueues.release(settings.baseUrl(), queue);
        }
        closed = true;
    }

    /** @return the request the settings make of a system and a user message */
    static ChatRequest request(LlmSettings settings, String system, String user) {
        return new ChatRequest(settings.model(), java.util.List.of(new ChatRequest.ChatMessage("system", system),
                new ChatRequest.ChatMessage("user", user)), settings.temperature(), settings.jsonMode(),
                settings.maxTokens(), settings.stream());
    }

    /**
     * @return the answer text
     * @throws ChatFailure if the model gave none (recorded, and replayed, like an answer)
     * @throws IllegalStateException in replay, if the journal has no outcome for this request
     */
    String call(ComposeContext ctx, String stage, ChatRequest request, Transcript transcript) {
        String hash = PromptJournal.hash(request);
        if (mode == LlmSettings.Mode.REPLAY) {
            PromptJournal.Entry e = journal.take(ctx.composeId(), stage, hash);
            if (e.failure() != null) {
                transcript.failure(stage, settings.model(), hash, e.failure());
                throw e.failure();
            }
            transcript.answer(stage, settings.model(), hash, e.answer());
            return e.answer();
        }
        try {
            ChatAnswer answer = await(ctx, request);
            if (journal != null) {
                journal.append(ctx.composeId(), stage, hash, request,
                        new PromptJournal.Entry(answer.content(), null, answer.promptTokens(), answer.completionTokens()));
            }
            transcript.answer(stage, settings.model(), hash, answer.content());
            return answer.content();
        } catch (ChatFailure f) {
            if (journal != null) {
                journal.append(ctx.composeId(), stage, hash, request, new PromptJournal.Entry(null, f, 0, 0));
            }
            transcript.failure(stage, settings.model(), hash, f);
            throw f;
        }
    }

    private ChatAnswer await(ComposeContext ctx, ChatRequest request) {
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        var future = queue.submit(ctx.strategyId(), priority(ctx), deadline, request);
        try {
            // The queue fails the call at its deadline; the extra second only guards against a lost wake-up.
            return future.get(settings.deadline().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChatFailure f) {
                throw f;
            }
            throw new ChatFailure(ChatFailure.Kind.NETWORK, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ChatFailure(ChatFailure.Kind.DEADLINE, "no answer within " + settings.deadline().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure(ChatFailure.Kind.DEADLINE, "interrupted while waiting for the model");
        }
    }

    /** Risk-reducing first: a strategy holding a position may be asking for an exit. */
    private Priority priority(ComposeContext ctx) {
        return switch (settings.priority()) {
            case "urgent" -> Priority.URGENT;
            case "normal" -> Priority.NORMAL;
            default -> ctx.portfolio().positions().isEmpty() ? Priority.NORMAL : Priority.URGENT;
        };
    }
}
