#!/usr/bin/env bash
# Fresh Debian 12 → packages, build, every test (ctest), with a real Secret Service keychain
# (gnome-keyring on a private D-Bus session) and Qt's offscreen platform for GUI tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TBDS_BUILD_DIR:-$here/build}"

"$here/scripts/setup.sh"
TBDS_BUILD_DIR="$build" "$here/scripts/build.sh"

# A throwaway HOME gives the keyring daemon a fresh login keyring, unlocked with a known password.
export TBDS_TEST_HOME="$(mktemp -d)"
trap 'rm -rf "$TBDS_TEST_HOME"' EXIT
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="$TBDS_TEST_HOME/runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

dbus-run-session -- env HOME="$TBDS_TEST_HOME" bash -c '
  echo -n tbds-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  ctest --test-dir "$1" --output-on-failure -j 2 "${@:2}"
' _ "$build" "$@"
