package dev.stratagem.plugins.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a composer answers for a context the runtime replays ({@link dev.stratagem.api.RunMode#REPLAY}: resume
 * priming, hot-reload validation and warm-up): the outcome its journal recorded for the same request, found
 * by hash and never consumed, so a context may be replayed any number of times. The outcome of the same
 * compose id and stage wins, then the latest of the same stage, then the latest of the hash. Without
 * {@code recordings}, or for a request never recorded, there is no answer and the model is not asked. The
 * file is read on the first lookup and again on a miss when it has grown: a composer that records while it
 * runs can answer for cycles it decided itself. An unreadable line is skipped, and a file that cannot be
 * read leaves the answers read before (with a logged warning, retried on the next miss): a replay never
 * fails a reload or a resume over the journal.
 */
final class RecordedAnswers {

    private static final System.Logger LOG = System.getLogger(RecordedAnswers.class.getName());

    private final Path file;
    private final Map<String, List<PromptJournal.Line>> byHash = new HashMap<>();
    private long readSize = -1;

    private RecordedAnswers(Path file) {
        this.file = file;
    }

    /**
     * @param recordings the folder of the journals, or {@code null} for none
     * @param strategyId whose journal
     */
    static RecordedAnswers of(Path recordings, String strategyId) {
        return new RecordedAnswers(recordings == null ? null : recordings.resolve(strategyId + ".jsonl"));
    }

    /** @return the recorded outcome of the request, or {@code null} if there is none */
    synchronized PromptJournal.Entry find(String composeId, String stage, String hash) {
        PromptJournal.Entry found = lookup(composeId, stage, hash);
        if (found == null && file != null && size() != readSize) {
            read();
            found = lookup(composeId, stage, hash);
        }
        return found;
    }

    private PromptJournal.Entry lookup(String composeId, String stage, String hash) {
        List<PromptJournal.Line> lines = byHash.get(hash);
        if (lines == null) {
            return null;
        }
        PromptJournal.Line sameStage = null;
        for (PromptJournal.Line l : lines) {
            if (stage.equals(l.stage())) {
                if (composeId.equals(l.composeId())) {
                    return l.entry();
                }
                sameStage = l;
            }
        }
        return sameStage != null ? sameStage.entry() : lines.getLast().entry();
    }

    private void read() {
        long size = size();
        Map<String, List<PromptJournal.Line>> read = new HashMap<>();
        if (size >= 0) {
            try {
                for (PromptJournal.Line l : PromptJournal.lines(file, true)) {
                    read.computeIfAbsent(l.hash(), h -> new ArrayList<>()).add(l);
                }
            } catch (UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read the LLM journal " + file
                        + ": replaying without its new answers", e);
                return; // readSize unchanged: the next miss tries again
            }
        }
        byHash.clear();
        byHash.putAll(read);
        readSize = size;
    }

    /** @return the file's size, or -1 if there is none (yet); something that is there but no file is read and fails */
    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
