#!/usr/bin/env bash
# Configures and builds tbds into ${TBDS_BUILD_DIR:-build}, with ccache set up so a fresh clone
# in another folder still hits the cache (paths are made relative to the source root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TBDS_BUILD_DIR:-$here/build}"

export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/tbds-ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-2G}"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${TBDS_BUILD_TYPE:-RelWithDebInfo}" \
  -DTBDS_WARNINGS_AS_ERRORS="${TBDS_WARNINGS_AS_ERRORS:-ON}" "${launcher[@]}" "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
