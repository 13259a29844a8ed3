package dev.stratagem.runtime.backtest;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for long backtests: it appears only on a terminal, and only once a run has taken more
 * than a second, so short runs and piped output stay clean.
 */
final class Progress implements AutoCloseable {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;

    private final long total;
    private final long started = System.nanoTime();
    private final boolean terminal;
    private ProgressBar bar;
    private long calls;

    Progress(long total) {
        this.total = total;
        java.io.Console console = System.console();
        this.terminal = console != null && console.isTerminal();
    }

    /** Cheap enough to call every bar: it looks at the clock only every 1024 calls. */
    void step(long done) {
        if (!terminal || (++calls & 1023) != 0) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - started < SHOW_AFTER_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName("backtest").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .startsFrom(done, java.time.Duration.ofNanos(System.nanoTime() - started)).build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(total);
            bar.close();
        }
    }
}
