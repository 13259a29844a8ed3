package dev.stratagem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a workload's CPU time goes, from a JFR recording of it: an execution sample of each running Java thread every
 * {@link #PERIOD}, and the collector's pauses. The report prints it when a throughput goal is missed, so that "where
 * the time goes" comes from the machine the bench ran on, not from a profile taken once elsewhere.
 *
 * <p>Samples are grouped by thread: the one that ran the workload (the replay loop), the history writer
 * ({@value #WRITER}), and the rest. For each of the first two: the share of its samples in which a Stratagem method
 * is on the stack (inclusive; methods on nearly every sample, the loop's own frames, left out) and the methods on
 * top of the stack (self, any package).
 */
final class CpuProfile {

    /** How often JFR samples each running Java thread. */
    static final Duration PERIOD = Duration.ofMillis(1);
    /** The history writer's thread name ({@code HistoryWriter}). */
    static final String WRITER = "stratagem-history-writer";
    /** Methods listed per thread and kind. */
    static final int TOP = 12;
    /** Inclusive shares at or above this are the frames every sample passes through, not a place time goes. */
    static final double SPINE = 0.9;
    private static final String OURS = "dev.stratagem.";
    private static final String OTHERS = "others";

    /** The samples of one group of threads. */
    static final class Threads {
        int samples;
        final Map<String, Integer> inclusive = new HashMap<>();
        final Map<String, Integer> self = new HashMap<>();

        /** @return the most frequent methods, with their share of this group's samples, below {@code under} */
        List<Map.Entry<String, Double>> top(Map<String, Integer> counts, double under) {
            List<Map.Entry<String, Double>> top = new ArrayList<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> Map.entry(e.getKey(), e.getValue() / (double) samples))
                    .filter(e -> e.getValue() < under)
                    .limit(TOP)
                    .forEach(top::add);
            return top;
        }
    }

    /** By thread name: the loop's, the writer's, then {@link #OTHERS} for the rest. */
    private final Map<String, Threads> groups = new LinkedHashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private int pauses;
    private Duration paused = Duration.ZERO;

    private CpuProfile(String loop) {
        groups.put(loop, new Threads());
        groups.put(WRITER, new Threads());
        groups.put(OTHERS, new Threads());
        labels.put(loop, "replay loop (" + loop + ")");
        labels.put(WRITER, "history writer");
        labels.put(OTHERS, "other threads");
    }

    /**
     * Runs the workload on this thread under a JFR recording and reads where its time went.
     *
     * @param work the workload
     * @return its profile
     */
    static CpuProfile of(Runnable work) throws IOException {
        Path file = Files.createTempFile("stratagem-bench-", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
            recording.enable("jdk.GarbageCollection");
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
            return read(file, Thread.currentThread().getName());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * @param file a JFR recording
     * @param loop the name of the thread that ran the workload
     * @return the profile in it
     */
    static CpuProfile read(Path file, String loop) throws IOException {
        CpuProfile profile = new CpuProfile(loop);
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> profile.sample(e.getThread("sampledThread"), e.getStackTrace());
                case "jdk.GarbageCollection" -> {
                    profile.pauses++;
                    profile.paused = profile.paused.plus(e.getDuration("sumOfPauses"));
                }
                default -> { }
            }
        }
        return profile;
    }

    private void sample(RecordedThread thread, RecordedStackTrace stack) {
        if (thread == null || stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        Threads group = groups.getOrDefault(thread.getJavaName(), groups.get(OTHERS));
        group.samples++;
        List<RecordedFrame> frames = stack.getFrames();
        group.self.merge(method(frames.getFirst()), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String method = method(frame);
            if (method.startsWith(OURS) && seen.add(method)) {
                group.inclusive.merge(method, 1, Integer::sum);
            }
        }
    }

    /** @return {@code package.Class.method}, a lambda's or hidden class's generated suffix cut off */
    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int generated = type.indexOf("$$");
        return (generated < 0 ? type : type.substring(0, generated)) + "." + frame.getMethod().getName();
    }

    /** @return the samples of a group: the loop's thread's name, {@link #WRITER} or the other threads' */
    Threads threads(String group) {
        return groups.get(group);
    }

    /** @return the report's lines: sample counts, the collector, then each thread's methods */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        groups.forEach((name, t) -> counts.add(StratagemBench.fmt("%s %,d", labels.get(name), t.samples)));
        lines.add(StratagemBench.fmt("samples (one a thread a %d ms it runs Java code): %s; collector pauses: %d,"
                + " %,d ms", PERIOD.toMillis(), String.join(", ", counts), pauses, paused.toMillis()));
        groups.forEach((name, t) -> {
            if (t.samples > 0 && !name.equals(OTHERS)) {
                lines.add(StratagemBench.fmt("%s, inclusive (Stratagem methods on the stack; those on %.0f%% or more"
                        + " left out): %s", labels.get(name), 100 * SPINE, shares(t.top(t.inclusive, SPINE))));
                lines.add(StratagemBench.fmt("%s, self (the method running): %s", labels.get(name),
                        shares(t.top(t.self, Double.MAX_VALUE))));
            }
        });
        return lines;
    }

    private static String shares(List<Map.Entry<String, Double>> top) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, Double> e : top) {
            items.add(StratagemBench.fmt("%s %.1f%%", e.getKey().startsWith(OURS)
                    ? e.getKey().substring(e.getKey().lastIndexOf('.', e.getKey().lastIndexOf('.') - 1) + 1)
                    : e.getKey(), 100 * e.getValue()));
        }
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
