#!/usr/bin/env bash
# Jira fetch benchmark, measured in one run on this machine (not a test; nothing gates on it),
# for Cloud and Data Center against the Jira simulator (tests/fakejira) with 10 000 issues:
#  a) fetching all issues through tbds::jira::JqlSearch vs the same pages with plain sequential
#     QNetworkAccessManager requests (goal <= 1.2x the time);
#  b) time until the first page reaches the caller;
#  c) memory per issue held while the caller keeps every page (goal <= 2 KiB).
# The work is done by bench_jira_fetch (tests/bench/jirafetchbench.cpp), which runs the
# simulator and each flavour's measurements in child processes of its own.
# Usage: tests/bench/bench_jira.sh [build-dir]     (builds with scripts/build.sh if needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-${TBDS_BUILD_DIR:-$here/build}}"
bin="$build/tests/bench/bench_jira_fetch"
if [ ! -x "$bin" ]; then
  TBDS_BUILD_DIR="$build" "$here/scripts/build.sh"
fi
if [ ! -x "$bin" ]; then
  echo "bench_jira_fetch was not built in $build" >&2
  exit 1
fi
# The simulator and the client log through Qt; only the report matters here.
QT_LOGGING_RULES="${QT_LOGGING_RULES:-*.debug=false;tbds.*.info=false}" "$bin"
