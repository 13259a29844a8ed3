# Sourced by ./stratagem and bench/run: a backtest is a throughput job, so it runs on the parallel collector
# (record activity 25-50% faster than G1 on a 2-core machine, BENCHMARKS.md); the kernel (run, demo, console)
# keeps G1 for paper and live latency.

# Sets the array BACKTEST_GC to the collector flag for a backtest JVM, empty if the options in $1 (the user's
# STRATAGEM_JAVA_OPTS or BENCH_JAVA_OPTS) already choose a collector.
stratagem_backtest_gc() {
  BACKTEST_GC=(-XX:+UseParallelGC)
  if [[ "${1:-}" =~ -XX:\+Use[A-Za-z0-9]+GC ]]; then
    BACKTEST_GC=()
  fi
}
