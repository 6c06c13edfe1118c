#!/usr/bin/env bash
# Load test of a real dev server over HTTPS keep-alive, with one command:
#   bench/http-bench.sh [workload ...]        (default: health kv-read kv-write)
# It builds the server if needed, starts it on a free loopback port with its own data dir, warms
# each workload up, measures it with wrk, and prints a table in which every rate is also given as
# a ratio of the sys/health rate measured in the same run against the same server, so figures
# survive a noisy machine. Environment: DURATION (10s), WARMUP (5s), CONNS (32), THREADS (1).
# Two steps change the server between workloads, and the rows after them say so:
#   +policy-token  later workloads use a non-root token whose only policy has 5 rules
#   +audit-file    enables a file audit device (every request recorded before it is answered)
# e.g. bench/http-bench.sh health kv-read +policy-token kv-read +audit-file kv-read
# A workload is bench/http/<name>.lua; pki-issue and pki-sign use the dev server's pki/ CA and role.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-1}
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(health kv-read kv-write)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install -y jq" >&2; exit 2; }
data=$(mktemp -d "${TMPDIR:-/tmp}/keyward-bench.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token="bench-$$"
bin/keyward server -dev -dev-listen-address="127.0.0.1:$port" -dev-root-token-id="$token" \
  -data-dir="$data/dev" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 240); do [ -f "$data/dev/dev.env" ] && break; sleep 0.5; done
[ -f "$data/dev/dev.env" ] || { echo "server did not start:"; tail -20 "$data/server.log"; exit 1; }
set -a; . "$data/dev/dev.env"; set +a
curl -sf --cacert "$VAULT_CACERT" -H "X-Vault-Token: $VAULT_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"data\":{\"password\":\"$(head -c 150 /dev/urandom | base64 -w0 | head -c 200)\"}}" \
  "$VAULT_ADDR/v1/secret/data/bench/read" >/dev/null
if [ -n "${BENCH_SETUP:-}" ]; then "$BENCH_SETUP"; fi

export BENCH_LUA_DIR="$here/http" VAULT_TOKEN
pid_rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$1/status 2>/dev/null || echo 0; }
jvm=$(pgrep -f "keyward-server.jar.*$port" | head -1 || echo $server)
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

printf '%-22s %10s %9s %9s %9s %8s %7s %8s %8s\n' workload req/s p50_ms p99_ms p999_ms ratio errors cpu% rss_MiB
health_rps=""
mode=root
root_token=$VAULT_TOKEN
api() { curl -sf --cacert "$VAULT_CACERT" -H "X-Vault-Token: $root_token" "$@"; }
for w in "${workloads[@]}"; do
  case "$w" in
    +policy-token)
      policy='path "secret/data/bench/*" { capabilities = ["read", "create", "update"] }
path "secret/metadata/bench/*" { capabilities = ["list"] }
path "transit/encrypt/bench" { capabilities = ["update"] }
path "transit/decrypt/bench" { capabilities = ["update"] }
path "sys/health" { capabilities = ["read"] }'
      api -X PUT -d "$(jq -n --arg p "$policy" '{policy: $p}')" "$VAULT_ADDR/v1/sys/policies/acl/bench" >/dev/null
      VAULT_TOKEN=$(api -d '{"policies":["bench"],"ttl":"1h"}' "$VAULT_ADDR/v1/auth/token/create" | jq -r .auth.client_token)
      export VAULT_TOKEN; mode="${mode/root/token}"; continue ;;
    +audit-file)
      api -X PUT -d '{"type":"file","options":{"file_path":"bench-audit.log"}}' "$VAULT_ADDR/v1/sys/audit/file" >/dev/null
      mode="$mode+audit"; continue ;;
  esac
  script="$here/http/$w.lua"
  [ -f "$script" ] || { echo "no workload $w ($script)" >&2; exit 2; }
  # A workload may bring a setup script (sourced: it can use api and export variables for its
  # Lua script); BENCH_ITEMS set there makes the row also report items/s, BENCH_CONNS overrides
  # CONNS for that workload (shown in the row's mode).
  BENCH_ITEMS="" BENCH_CONNS=""
  if [ -f "$here/http/$w.setup.sh" ]; then . "$here/http/$w.setup.sh"; fi
  conns=${BENCH_CONNS:-$CONNS}
  wrk -t"$THREADS" -c"$conns" -d"$WARMUP" --timeout 10s -s "$script" "$VAULT_ADDR" >/dev/null
  t0=$(cpu_ticks "$jvm"); s0=$(date +%s.%N)
  line=$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --timeout 10s --latency -s "$script" "$VAULT_ADDR" | grep '^RESULT')
  t1=$(cpu_ticks "$jvm"); s1=$(date +%s.%N)
  get() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
  rps=$(get rps)
  [ "$w" = health ] && health_rps=$rps
  ratio=$( [ -n "$health_rps" ] && awk -v a="$rps" -v b="$health_rps" 'BEGIN{printf "%.2f", a/b}' || echo "-")
  cpu=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v s0="$s0" -v s1="$s1" 'BEGIN{printf "%.0f", 100*t/hz/(s1-s0)}')
  [ "$conns" = "$CONNS" ] || mode="$mode,c$conns"
  printf '%-22s %10s %9s %9s %9s %8s %7s %8s %8s\n' "$w[$mode]" "$rps" "$(get p50_ms)" "$(get p99_ms)" \
    "$(get p999_ms)" "$ratio" "$(( $(get errors) ))" "$cpu" "$(pid_rss "$jvm")"
  mode=${mode%,c*}
  if [ -n "$BENCH_ITEMS" ]; then
    printf '%-22s %10s items/s (%s items per request)\n' "" \
      "$(awk -v r="$rps" -v n="$BENCH_ITEMS" 'BEGIN{printf "%.0f", r*n}')" "$BENCH_ITEMS"
  fi
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)"
echo "wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP), HTTPS keep-alive, server and wrk on one machine"
