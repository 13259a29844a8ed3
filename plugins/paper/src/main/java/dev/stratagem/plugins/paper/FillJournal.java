package dev.stratagem.plugins.paper;

import dev.stratagem.api.Side;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's memory of executed instruction ids, as a real exchange remembers client order ids: one
 * tab-separated line per fill, appended before the fill is reported. Reloaded on start, so after a crash a
 * resend of an executed id gets the original fill back instead of a second execution.
 */
final class FillJournal {

    private final Path file;
    private final Map<String, TxResult> executed = new HashMap<>();

    private FillJournal(Path file) {
        this.file = file;
    }

    /** @return a journal on that file (created on the first fill), with its earlier fills loaded */
    static FillJournal open(Path file) {
        FillJournal journal = new FillJournal(file);
        if (!Files.exists(file)) {
            return journal;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                if (f.length != 8) {
                    continue; // a line torn by a crash mid-write: that fill was never reported
                }
                TxResult r = new TxResult(f[0], f[1], Side.valueOf(f[2]), TxStatus.valueOf(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Long.parseLong(f[7]), "");
                journal.executed.put(r.instructionId(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the paper fill journal " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("paper fill journal " + file + " is corrupt: " + e.getMessage(), e);
        }
        return journal;
    }

    /** @return the fill of an id executed earlier (in this or an earlier process), or {@code null} */
    TxResult executed(String instructionId) {
        return executed.get(instructionId);
    }

    int size() {
        return executed.size();
    }

    /** Appends fills; returns only once the lines are written. */
    void record(List<TxResult> fills) {
        if (fills.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (TxResult r : fills) {
            if (executed.putIfAbsent(r.instructionId(), r) != null) {
                continue; // a replayed fill: journaled once already
            }
            sb.append(r.instructionId()).append('\t').append(r.symbol()).append('\t').append(r.side()).append('\t')
                    .append(r.status()).append('\t').append(r.filledQuantity()).append('\t').append(r.fillPrice())
                    .append('\t').append(r.fee()).append('\t').append(r.ts()).append('\n');
        }
        if (sb.isEmpty()) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the paper fill journal " + file, e);
        }
    }
}
