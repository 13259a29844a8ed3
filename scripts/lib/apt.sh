# shellcheck shell=bash
# Sourced by the launcher's libraries that install what a group of tests needs from Debian (chromium.sh,
# postgres.sh).

# $1 what is missing and $2 what happens without it (for the messages), $3... the Debian packages.
# Installs the packages quietly with apt-get, as root or through passwordless sudo. When it cannot (neither, or
# no apt-get) it says so in one line on stderr and returns 1. Otherwise it returns 0 once apt-get has run, even
# if apt-get failed (a package's own service may fail to start where there is no init, the package still
# being there): the caller looks for what it needs again.
stratagem_apt_install() {
  local missing="$1" otherwise="$2"
  shift 2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "$missing missing and not root: $otherwise" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$missing missing and no apt-get: $otherwise" >&2
    return 1
  fi
  echo "$missing missing: installing Debian's $* with apt-get..." >&2
  "${sudo[@]}" apt-get update -qq >&2 || true
  # env, not a DEBIAN_FRONTEND= prefix: sudo would drop the prefix's variable
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 \
    || echo "apt-get install $* failed (exit $?)" >&2
  return 0
}
