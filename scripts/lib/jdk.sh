# Sourced by ./stratagem and .ci/run: finds a JDK 25 and exports JAVA_HOME, or explains what is missing.
# Looks at $JAVA_HOME, then `java` on the PATH, then the usual install folders.

stratagem_java_major() {
  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

stratagem_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local dir
  for dir in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /usr/lib/jvm/*25* \
             /opt/java/openjdk /opt/jdk-25* /usr/local/lib/jvm/*25* "$HOME"/.sdkman/candidates/java/25* \
             /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] && [ "$(stratagem_java_major "$dir/bin/java")" = "25" ]; then
      export JAVA_HOME="$dir"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  {
    echo "error: Stratagem needs a JDK 25 (java and javac), and none was found."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), java on the PATH, /usr/lib/jvm/*25*, /opt/java, ~/.sdkman"
    for dir in "${candidates[@]}"; do
      [ -x "$dir/bin/java" ] && echo "  found $dir: Java $(stratagem_java_major "$dir/bin/java") (not 25)"
    done
    echo "  install one (for example Temurin 25, or on Debian: apt-get install openjdk-25-jdk if your release has it)"
    echo "  and run again, or point JAVA_HOME at it."
  } >&2
  return 1
}
