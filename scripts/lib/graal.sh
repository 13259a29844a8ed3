# Sourced by ./stratagem and bench/run: the Graal JIT for scripts (GraalVM Polyglot on a stock JDK). The
# compiler jars, all 25.0.3 like every org.graalvm.* artifact, go on the module upgrade path; without them
# scripts run interpreted, and the runtime says so loudly at start.

# Sets the array GRAAL_JIT to the JVM flags for the jars in $1/runtime/target/graal (empty if not built).
stratagem_graal_jit() {
  GRAAL_JIT=()
  if [ -n "$(ls "$1"/runtime/target/graal/*.jar 2>/dev/null)" ]; then
    GRAAL_JIT=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
      "--upgrade-module-path=$(ls "$1"/runtime/target/graal/*.jar | paste -sd:)"
      --sun-misc-unsafe-memory-access=allow)
  fi
}
