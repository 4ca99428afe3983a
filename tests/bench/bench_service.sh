#!/usr/bin/env bash
# Service engine benchmarks, measured in one run on this machine (not a test; nothing gates on it):
#  1. authenticated GET /projects: tbds-service vs nginx serving the same bytes (wrk, loopback);
#     goal >= 0.5x nginx's requests/s.
#  2. POST /projects/{p}/defects over a 100 000-defect JSONL project: time vs Python's json
#     module parsing the same file (goal <= 3x), and tbds-service's peak RSS vs the file size
#     (goal <= 4x).
# Usage: tests/bench/bench_service.sh [build-dir]     (installs wrk, nginx, python3 if missing)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$here/build}"
need=()
for p in wrk nginx-light python3 curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
[ -x "$build/app/tbds-service" ] || TBDS_BUILD_DIR="$build" "$here/scripts/build.sh"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# --- data: a small project for GET /projects and a 100 000-defect project ---------------------
mkdir -p "$work/defects/small" "$work/defects/big"
: > "$work/defects/small/defects.jsonl"
python3 - "$work/defects/big/defects.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 100001):
        f.write(json.dumps({"title": f"Defect {i}", "description": "Steps to reproduce: open the configurator, pick a wheel, look at the preview. " * 2,
            "reporter": "bench", "status": "open", "classification": "major", "priority": "high",
            "userDefinedFields": [{"name": "Sprint", "value": str(i % 20), "mustField": False}],
            "lastEdited": "2026-03-01T10:15:30.123000+01:00", "references": [],
            "principal": {"username": "bench", "password": ""}, "id": f"BUG-{i}"}) + "\n")
PY
cat > "$work/config.toml" <<'TOML'
[testbench-defect-service]
client_class = "JsonlDefectClient"
password_hash = "ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308"
salt = "AAECAwQFBgcICQoLDA0ODw=="
[testbench-defect-service.client_config]
defects_path = "defects"
control_fields = {}
[testbench-defect-service.logging.console]
log_level = "WARNING"
[testbench-defect-service.logging.file]
log_level = "WARNING"
file_path = "bench.log"
TOML

"$build/app/tbds-service" start --config "$work/config.toml" --port 0 > "$work/tbds.out" 2>&1 &
tbds_pid=$!; pids+=("$tbds_pid")
for _ in $(seq 50); do grep -q '^listening on' "$work/tbds.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/tbds.out")
auth="Authorization: Basic $(printf admin:admin | base64)"

# --- 1. GET /projects vs nginx ----------------------------------------------------------------
mkdir -p "$work/www"
curl -s -H "$auth" "$url/projects" > "$work/www/projects"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:$port; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=("$!")
sleep 0.5
wrk_rps() { wrk -t1 -c32 -d10s "$@" | awk '/Requests\/sec/ {print $2}'; }
# wrk shares the two cores with the server: alternate the two servers and keep each one's best.
tbds_rps=0; nginx_rps=0
for _ in 1 2; do
  tbds_rps=$(python3 -c "print(max($tbds_rps, $(wrk_rps -H "$auth" "$url/projects")))")
  nginx_rps=$(python3 -c "print(max($nginx_rps, $(wrk_rps "http://127.0.0.1:$port/projects")))")
done

# --- 2. POST defects over 100 000 defects ---------------------------------------------------------
size=$(stat -c %s "$work/defects/big/defects.jsonl")
py_s=$(python3 - "$work/defects/big/defects.jsonl" <<'PY'
import json, sys, time
best = 1e9
for _ in range(3):
    t = time.perf_counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    best = min(best, time.perf_counter() - t)
print(f"{best:.3f}")
PY
)
best=1e9
for _ in 1 2 3; do
  t=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "$auth" "$url/projects/big/defects")
  best=$(python3 -c "print(min($best, $t))")
done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$tbds_pid/status")

python3 - "$tbds_rps" "$nginx_rps" "$best" "$py_s" "$rss_kb" "$size" <<'PY'
import sys
tbds, nginx, post, py, rss_kb, size = map(float, sys.argv[1:])
print("tbds-service benchmark (one run, this machine)")
print(f"  GET /projects, wrk -t1 -c32 -d10s: tbds {tbds:,.0f} req/s, nginx {nginx:,.0f} req/s -> {tbds/nginx:.2f}x nginx (goal >= 0.5x)")
print(f"  POST /projects/big/defects (100 000 defects, {size/1e6:.1f} MB): {post*1000:.0f} ms; Python json parse {py*1000:.0f} ms -> {post/py:.2f}x (goal <= 3x)")
print(f"  tbds-service peak RSS {rss_kb/1024:.0f} MiB = {rss_kb*1024/size:.2f}x the file size (goal <= 4x)")
PY
