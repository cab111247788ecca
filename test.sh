#!/usr/bin/env bash
# Runs every Copex check: gofmt, go vet and all tests. Needs Go. GetGo's screen tests
# need a display, its browser test needs Chromium and the pandas example's test needs
# Python with pandas: when xvfb-run, chromium or pandas is missing and we are root (or
# sudo works without a password), this installs them with apt-get (xvfb, chromium,
# python3-pandas, python3-networkx, nodejs, npm and zbar-tools (the workshop's QR code is
# read back with zbarimg); the browser tests install playwright-core
# with npm into the user's cache folder, internal/playwright) first. The tests then run under xvfb-run with
# COPEX_REQUIRE_DISPLAY=1 and COPEX_REQUIRE_BROWSER=1, so those tests fail rather than
# skip. What cannot be installed is left out: its tests skip, unless the caller set its
# COPEX_REQUIRE_* variable to 1 (as .ci/run does). Extra arguments go to go test.
set -euo pipefail
cd "$(dirname "$0")"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...

have_chromium() {
  [ -n "${COPEX_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    command -v google-chrome >/dev/null 2>&1 || command -v google-chrome-stable >/dev/null 2>&1
}
have_xvfb() { command -v xvfb-run >/dev/null 2>&1; }
have_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; }
have_zbar() { command -v zbarimg >/dev/null 2>&1; }
have_pandas() {
  python3 -c 'import pandas, networkx' >/dev/null 2>&1 || /usr/bin/python3 -c 'import pandas, networkx' >/dev/null 2>&1
}

if ! have_xvfb || ! have_chromium || ! have_pandas || ! have_node || ! have_zbar; then
  sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: xvfb-run, chromium or pandas is missing and there is no apt-get to install them"
  elif [ "$(id -u)" -ne 0 ] && [ ${#sudo[@]} -eq 0 ]; then
    echo "test.sh: xvfb-run, chromium or pandas is missing; not root and no sudo, so not installing them"
  else
    # Only what is missing: a machine with Node.js from elsewhere (NodeSource's
    # nodejs, which brings its own npm) cannot take Debian's npm beside it, and asking
    # for both failed the whole install.
    pkgs=()
    have_xvfb || pkgs+=(xvfb)
    have_chromium || pkgs+=(chromium)
    have_pandas || pkgs+=(python3-pandas python3-networkx)
    have_node || pkgs+=(nodejs npm)
    have_zbar || pkgs+=(zbar-tools)
    echo "test.sh: installing ${pkgs[*]} (apt-get update; apt-get install -y --no-install-recommends)"
    install() { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"; }
    if ! "${sudo[@]}" apt-get update -qq; then
      echo "test.sh: apt-get update failed; going on without the install"
    elif ! install "${pkgs[@]}"; then
      # One package that cannot be installed should not keep out the others.
      for p in "${pkgs[@]}"; do
        install "$p" || echo "test.sh: could not install $p; going on without it"
      done
    fi
  fi
fi

run=()
if have_xvfb; then
  export COPEX_REQUIRE_DISPLAY="${COPEX_REQUIRE_DISPLAY:-1}"
  run=(xvfb-run -a)
else
  echo "test.sh: no xvfb-run; tests that need a display use \$DISPLAY or skip (COPEX_REQUIRE_DISPLAY=${COPEX_REQUIRE_DISPLAY:-unset})"
fi
if have_zbar; then
  export COPEX_REQUIRE_ZBAR="${COPEX_REQUIRE_ZBAR:-1}"
fi
if have_chromium; then
  export COPEX_REQUIRE_BROWSER="${COPEX_REQUIRE_BROWSER:-1}"
else
  echo "test.sh: no chromium; the browser test skips (COPEX_REQUIRE_BROWSER=${COPEX_REQUIRE_BROWSER:-unset})"
fi
# -timeout: the browser walk (web) plays the whole game in headless Chromium, minutes
# on a loaded machine (about 6 on a slow one with WebGL through llvmpipe, 20 with
# SwiftShader), beyond go test's default of 10 minutes a package.
"${run[@]}" go test -count=1 -timeout 60m ./... "$@"
