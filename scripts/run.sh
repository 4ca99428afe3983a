#!/usr/bin/env bash
# Fresh Debian 12 → packages, build, then the admin app on a demo Jira: the `fake-jira` simulator
# (Cloud flavour, demo data) on a free loopback port and a demo config.toml pointing at it, so
# every page works without a real Jira. The JSONL sample stays one click away (welcome page ▸
# "Open the demo setup", or File ▸ Open Demo Setup).
# Without a display it serves the JSONL sample headless instead, and says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TBDS_BUILD_DIR:-$here/build}"

"$here/scripts/setup.sh"
TBDS_BUILD_DIR="$build" "$here/scripts/build.sh"

sample="$here/resources/samples/jsonl/config.toml"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = offscreen ]; then
  echo "run.sh: no display found; serving the JSONL sample headless with tbds-service (Ctrl+C stops it)."
  exec "$build/app/tbds-service" start --config "$sample" "$@"
fi

fake_jira="$build/tests/fakejira/fake-jira"
if [ ! -x "$fake_jira" ]; then
  cmake --build "$build" --target fake-jira
fi

demo="$(mktemp -d "${TMPDIR:-/tmp}/tbds-demo.XXXXXX")"
jira_pid=""
cleanup() {
  if [ -n "$jira_pid" ]; then
    kill "$jira_pid" 2>/dev/null || true
    wait "$jira_pid" 2>/dev/null || true
  fi
  rm -rf "$demo"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Port 0: the simulator picks a free loopback port and prints "listening on <URL>".
"$fake_jira" --flavor cloud --port 0 >"$demo/fake-jira.log" 2>&1 &
jira_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^listening on \(https\{0,1\}:[^ ]*\).*/\1/p' "$demo/fake-jira.log" | head -n1)"
  [ -n "$url" ] && break
  if ! kill -0 "$jira_pid" 2>/dev/null; then
    echo "run.sh: fake-jira did not start:" >&2
    cat "$demo/fake-jira.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "run.sh: fake-jira printed no URL:" >&2
  cat "$demo/fake-jira.log" >&2
  exit 1
fi
echo "run.sh: simulated Jira Cloud at $url (demo data)"

# The demo service account of tests/fakejira/demodata.h. Its API token reaches the app through
# the environment, as on a headless server: the Credentials page shows it as "from JIRA_PASSWORD".
export JIRA_USERNAME="svc-testbench@example.com"
export JIRA_PASSWORD="cloud-api-token-0123456789"

cat >"$demo/config.toml" <<TOML
# Demo setup made by scripts/run.sh: the Jira client against the fake-jira simulator at
# $url (deleted when the app exits). TestBench logs in as "admin" / "admin".

[testbench-defect-service]
client_class = "JiraDefectClient"
host = "127.0.0.1"
port = 8030
password_hash = "ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308"
salt = "AAECAwQFBgcICQoLDA0ODw=="

[testbench-defect-service.client_config]
name = "Demo Jira"
server_url = "$url"
auth_type = "basic"
username = "$JIRA_USERNAME"
control_fields = ["priority", "status", "classification"]

[testbench-defect-service.client_config.projects."RO"]
readonly = true
TOML

# Not exec: the trap must stop fake-jira when the app exits.
status=0
"$build/app/tbds-admin" "$demo/config.toml" "$@" || status=$?
exit "$status"
