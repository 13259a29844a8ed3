# Sourced by ./stratagem: drops the built-in plugin jars into the home's plugins folder, like any other plugin jar,
# without ever replacing a jar the user put there.
#
# The launcher remembers the SHA-256 of each jar it installed (one "<sha256>  <name>" line a jar in $3). A jar in the
# folder is updated to the newly built one only while it is still the one the launcher installed (or absent). A jar
# of the same name with other bytes is the user's: it is left alone and a warning says how to get the built-in back.
# Before this, every ./stratagem command copied the built-in jars over any jar of the same name, and a running
# runtime then hot-swapped to the built-in version.

# $1 the built jars' folder, $2 the home's plugins folder, $3 the record of what the launcher installed
stratagem_install_builtin_plugins() {
  local built="$1" plugins="$2" record="$3"
  mkdir -p "$plugins"
  [ -e "$record" ] || : > "$record"
  local jar name target sum installed now
  for jar in "$built"/*.jar; do
    [ -e "$jar" ] || continue
    name="$(basename "$jar")"
    target="$plugins/$name"
    sum="$(sha256sum "$jar" | cut -d' ' -f1)"
    installed="$(awk -v n="$name" '$2 == n { print $1 }' "$record")"
    if [ -e "$target" ]; then
      now="$(sha256sum "$target" | cut -d' ' -f1)"
      if [ "$now" = "$sum" ]; then
        # the common case, every command: nothing to copy, and the record is rewritten only if it lacked the jar
        [ "$installed" = "$sum" ] || stratagem_record_builtin "$record" "$name" "$sum"
        continue
      fi
      if [ "$now" != "$installed" ]; then
        echo "stratagem: $target is not the built-in $name (its bytes changed since the launcher installed it, or" \
          "the launcher never did): left as it is. Delete it to get the built-in plugin back." >&2
        continue
      fi
    fi
    cp "$jar" "$target.tmp" && mv -f "$target.tmp" "$target"
    stratagem_record_builtin "$record" "$name" "$sum"
  done
}

# $1 the record, $2 a jar's name, $3 its SHA-256: replaces the jar's line
stratagem_record_builtin() {
  local record="$1" name="$2" sum="$3"
  awk -v n="$name" '$2 != n' "$record" > "$record.tmp"
  printf '%s  %s\n' "$sum" "$name" >> "$record.tmp"
  mv -f "$record.tmp" "$record"
}
