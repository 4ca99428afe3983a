#!/usr/bin/env bash
# GUI benchmarks, measured in one run on this machine (not a test; nothing gates on it):
#  1. cold start of tbds-admin to the first painted main window on the demo Jira config
#     (goal <= 0.5 s); tbds-admin prints the time itself with TBDS_BENCH_FIRST_PAINT=1.
#  2. the longest event-loop stall while the JQL preview streams 10 000 issues from the
#     fake-jira simulator (goal <= 50 ms), then the memory the preview holds for them: RSS
#     growth per issue, and per issue the rows as compact records (now) against the same issues
#     as full QJsonObjects (what the model held before), with the compression trade-off.
# Both run on Qt's offscreen platform, so no display is needed.
# Usage: tests/bench/bench_gui.sh [build-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$here/build}"
issues="${TBDS_BENCH_ISSUES:-10000}"
runs="${TBDS_BENCH_RUNS:-5}"
cmake --build "$build" --target tbds-admin fake-jira bench_gui_stall >/dev/null

work="$(mktemp -d)"
jira_pid=""
cleanup() {
  [ -n "$jira_pid" ] && kill "$jira_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"

# --- fake-jira (Cloud) with $issues issues in project BULK ------------------------------------
"$build/tests/bench/bench_gui_stall" --write-data "$work/data.json" "$issues"
"$build/tests/fakejira/fake-jira" --flavor cloud --port 0 --data "$work/data.json" >"$work/jira.log" 2>&1 &
jira_pid=$!
url=""
for _ in $(seq 1 200); do
  url="$(sed -n 's/^listening on \(https\{0,1\}:[^ ]*\).*/\1/p' "$work/jira.log" | head -n1)"
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { cat "$work/jira.log" >&2; exit 1; }

export JIRA_USERNAME="svc-testbench@example.com" JIRA_PASSWORD="cloud-api-token-0123456789"
cat >"$work/config.toml" <<TOML
[testbench-defect-service]
client_class = "JiraDefectClient"
password_hash = "ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308"
salt = "AAECAwQFBgcICQoLDA0ODw=="

[testbench-defect-service.client_config]
server_url = "$url"
auth_type = "basic"
username = "$JIRA_USERNAME"
TOML

# --- 1. cold start to first paint ----------------------------------------------------------
echo "== cold start to the first painted main window ($runs runs, demo Jira config, offscreen)"
times=()
for _ in $(seq 1 "$runs"); do
  line="$(TBDS_BENCH_FIRST_PAINT=1 TBDS_BENCH_T0_NS="$(date +%s%N)" "$build/app/tbds-admin" "$work/config.toml" 2>/dev/null | grep first-paint)"
  echo "   $line"
  times+=("$(echo "$line" | sed -n 's/.*ms_since_launch=\([0-9.]*\).*/\1/p')")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "   median %.0f ms, best %.0f ms (goal <= 500 ms)\n", a[int((NR+1)/2)], a[1]}'

# --- 2. event-loop stall while the JQL preview streams -------------------------------------
echo "== JQL preview streaming $issues issues from fake-jira (offscreen)"
"$build/tests/bench/bench_gui_stall" "$work/config.toml" | sed 's/^/   /'
echo "   (goals: max_stall_ms <= 50; memory: the smaller per issue the better)"
