# shellcheck shell=bash
# Makes sure a headless Chromium and its ChromeDriver are present for the console's browser tests
# (Debian packages `chromium` and `chromium-driver`). Sourced by ./stratagem before `test`.
# Without apt-get or root it only says so: the browser tests then skip with a message.
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

stratagem_has_chromium() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1
}

stratagem_ensure_chromium() {
  stratagem_has_chromium && return 0
  stratagem_apt_install "chromium/chromium-driver" "the console's browser tests will skip" chromium chromium-driver \
    || return 0
  stratagem_has_chromium || echo "could not install chromium: the console's browser tests will skip" >&2
}
