# shellcheck shell=bash
# Makes sure a headless Chromium and its ChromeDriver are present for the console's browser tests
# (Debian packages `chromium` and `chromium-driver`). Sourced by ./stratagem before `test`.
# Without apt-get or root it only says so: the browser tests then skip with a message.
stratagem_ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "chromium/chromium-driver missing and not root: the console's browser tests will skip" >&2
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium/chromium-driver missing and no apt-get: the console's browser tests will skip" >&2
    return 0
  fi
  echo "installing chromium and chromium-driver for the console's browser tests..." >&2
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2 \
    || echo "could not install chromium: the console's browser tests will skip" >&2
}
