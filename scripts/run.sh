#!/usr/bin/env bash
# Fresh Debian 12 → packages, build, then the admin app on the bundled demo setup.
# Without a display it serves the JSONL sample headless instead, and says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TBDS_BUILD_DIR:-$here/build}"

"$here/scripts/setup.sh"
TBDS_BUILD_DIR="$build" "$here/scripts/build.sh"

sample="$here/resources/samples/jsonl/config.toml"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
  exec "$build/app/tbds-admin" "$sample"
fi
echo "run.sh: no display found; serving the JSONL sample headless with tbds-service (Ctrl+C stops it)."
exec "$build/app/tbds-service" start --config "$sample" "$@"
