# shellcheck shell=bash
# A throwaway PostgreSQL for the history store's PostgreSQL tests (PostgresHistoryStoreTest), which skip when no
# server answers. Sourced by ./stratagem before `test`:
#   stratagem_start_postgres   a fresh cluster in a temp folder, on a free port of 127.0.0.1 only, with database
#                              stratagem_test; exports STRATAGEM_PG_URL, STRATAGEM_PG_USER, STRATAGEM_PG_PASSWORD
#   stratagem_stop_postgres    stops it and deletes the folder (does nothing when none was started)
# The server binaries (initdb, pg_ctl, postgres, createdb) come from the PATH or /usr/lib/postgresql/*/bin (newest
# first); when there are none and CI is set, Debian's `postgresql` is installed (as root or through passwordless
# sudo; its own cluster is neither needed nor used). Setting the server up never fails the caller: anything that goes wrong is one
# line on stderr, and the PostgreSQL tests then skip. A STRATAGEM_PG_URL already set names the server to use: then
# nothing is started.
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

_STRATAGEM_PG_SKIP="the PostgreSQL history tests will skip"
# the running cluster's folder and how to run its binaries, for stratagem_stop_postgres
_STRATAGEM_PG_DIR=""
_STRATAGEM_PG_BIN=""
_STRATAGEM_PG_AS=()

# prints the first folder that has all of the server binaries: the PATH's, then /usr/lib/postgresql/*/bin
_stratagem_pg_bindir() {
  local dir candidates=()
  command -v initdb >/dev/null 2>&1 && candidates+=("$(dirname "$(command -v initdb)")")
  while IFS= read -r dir; do
    candidates+=("$dir")
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -V -r)
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && [ -x "$dir/createdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# runs "$@" as the cluster's owner, in its folder: PostgreSQL refuses to run as root, so root runs it as the
# `postgres` system user
_stratagem_pg_run() {
  (cd "$_STRATAGEM_PG_DIR" && "${_STRATAGEM_PG_AS[@]}" "$@")
}

# prints a TCP port from $1 up (to 54428) that nothing on 127.0.0.1 listens on
_stratagem_pg_free_port() {
  local port
  for ((port = $1; port < 54429; port++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# says why, in one line on stderr, removes whatever was started and returns 0 (the tests skip)
_stratagem_pg_give_up() {
  echo "PostgreSQL: $1: $_STRATAGEM_PG_SKIP" >&2
  stratagem_stop_postgres
  return 0
}

stratagem_start_postgres() {
  if [ -n "${STRATAGEM_PG_URL:-}" ]; then
    echo "PostgreSQL: STRATAGEM_PG_URL is set, the PostgreSQL history tests use $STRATAGEM_PG_URL" >&2
    return 0
  fi
  if ! _STRATAGEM_PG_BIN="$(_stratagem_pg_bindir)"; then
    # only under CI: on a developer's machine Debian's package would also leave a system cluster running at boot
    if [ -z "${CI:-}" ]; then
      echo "PostgreSQL: no initdb/pg_ctl/postgres (install Debian's postgresql, or set STRATAGEM_PG_URL):" \
        "$_STRATAGEM_PG_SKIP" >&2
      return 0
    fi
    stratagem_apt_install "PostgreSQL (initdb, pg_ctl, postgres)" "$_STRATAGEM_PG_SKIP" postgresql || return 0
    if ! _STRATAGEM_PG_BIN="$(_stratagem_pg_bindir)"; then
      echo "PostgreSQL: no initdb/pg_ctl/postgres after installing postgresql: $_STRATAGEM_PG_SKIP" >&2
      return 0
    fi
  fi
  _STRATAGEM_PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1 || ! command -v runuser >/dev/null 2>&1; then
      echo "PostgreSQL: it will not run as root, and there is no 'postgres' user or no runuser: $_STRATAGEM_PG_SKIP" >&2
      return 0
    fi
    _STRATAGEM_PG_AS=(runuser -u postgres --)
  fi

  local password dir
  password="$(od -An -N16 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n')"
  [ -n "$password" ] || password="stratagem-$RANDOM$RANDOM"
  if ! dir="$(mktemp -d "${TMPDIR:-/tmp}/stratagem-pg.XXXXXX" 2>/dev/null)"; then
    _stratagem_pg_give_up "cannot create a folder in ${TMPDIR:-/tmp}"
    return 0
  fi
  _STRATAGEM_PG_DIR="$dir"
  printf '%s\n' "$password" > "$dir/password" || { _stratagem_pg_give_up "cannot write to $dir"; return 0; }
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$dir" || { _stratagem_pg_give_up "cannot hand $dir to the postgres user"; return 0; }
  fi
  if ! _stratagem_pg_run "$_STRATAGEM_PG_BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" \
      -A scram-sha-256 -E UTF8 --no-locale > "$dir/initdb.log" 2>&1; then
    _stratagem_pg_give_up "initdb failed ($(tail -n 1 "$dir/initdb.log" 2>/dev/null))"
    return 0
  fi

  # a port found free may be taken before the server binds it (another test run): then the next one
  local port=54328 attempt started=""
  for attempt in 1 2 3; do
    port="$(_stratagem_pg_free_port $((port + 1)))" || break
    echo "PostgreSQL: starting a throwaway server on 127.0.0.1:$port (in $dir)..." >&2
    # fsync off: the data is thrown away
    if _stratagem_pg_run "$_STRATAGEM_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c fsync=off" start \
        > /dev/null 2>&1; then
      started=$attempt
      break
    fi
  done
  if [ -z "$started" ]; then
    _stratagem_pg_give_up "the server did not start ($(tail -n 1 "$dir/server.log" 2>/dev/null \
      || echo 'no free port in 54329-54428'))"
    return 0
  fi
  local created
  if ! created="$(PGPASSWORD="$password" "$_STRATAGEM_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres \
      stratagem_test 2>&1)"; then
    _stratagem_pg_give_up "createdb stratagem_test failed (${created//$'\n'/ })"
    return 0
  fi
  export STRATAGEM_PG_URL="jdbc:postgresql://127.0.0.1:$port/stratagem_test"
  export STRATAGEM_PG_USER=postgres
  export STRATAGEM_PG_PASSWORD="$password"
}

stratagem_stop_postgres() {
  [ -n "$_STRATAGEM_PG_DIR" ] || return 0
  local data="$_STRATAGEM_PG_DIR/data"
  if [ -f "$data/postmaster.pid" ]; then
    _stratagem_pg_run "$_STRATAGEM_PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop > /dev/null 2>&1 || true
  fi
  if [ -f "$data/postmaster.pid" ]; then
    echo "PostgreSQL: the throwaway server did not stop; left in place: $_STRATAGEM_PG_BIN/pg_ctl -D $data stop" >&2
  else
    rm -rf "$_STRATAGEM_PG_DIR"
  fi
  _STRATAGEM_PG_DIR=""
  unset STRATAGEM_PG_URL STRATAGEM_PG_USER STRATAGEM_PG_PASSWORD
}
