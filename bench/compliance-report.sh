#!/usr/bin/env bash
# How long the compliance report takes to build, sign and render as the vault grows:
#   bench/compliance-report.sh            (TOKENS=1000 KEYS=100 CERTS=300 RUNS=5)
# Starts a dev server on a free loopback port with its own data dir, adds TOKENS child tokens,
# KEYS transit keys and CERTS certificates (the report scans all of them), then fetches
# sys/compliance/report RUNS times as JSON and as HTML and prints each time and the median.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
TOKENS=${TOKENS:-1000}
KEYS=${KEYS:-100}
CERTS=${CERTS:-300}
RUNS=${RUNS:-5}
data=$(mktemp -d "${TMPDIR:-/tmp}/keyward-report-bench.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bin/keyward server -dev -dev-listen-address="127.0.0.1:$port" -dev-root-token-id="bench-$$" \
  -data-dir="$data/dev" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 240); do [ -f "$data/dev/dev.env" ] && break; sleep 0.5; done
[ -f "$data/dev/dev.env" ] || { echo "server did not start:"; tail -20 "$data/server.log"; exit 1; }
set -a; . "$data/dev/dev.env"; set +a
api() { curl -sf --cacert "$VAULT_CACERT" -H "X-Vault-Token: $VAULT_TOKEN" "$@"; }

api -d '{"allowed_domains":["example.net"],"allow_subdomains":true,"max_ttl":"720h"}' \
  "$VAULT_ADDR/v1/pki/roles/bench" >/dev/null
for i in $(seq 1 "$TOKENS"); do
  api -d '{"ttl":"1h","policies":["default"]}' "$VAULT_ADDR/v1/auth/token/create" >/dev/null
done
for i in $(seq 1 "$KEYS"); do api -X POST "$VAULT_ADDR/v1/transit/keys/k$i" >/dev/null; done
for i in $(seq 1 "$CERTS"); do
  api -d "{\"common_name\":\"h$i.example.net\",\"ttl\":\"$((i % 60 + 1))h\"}" \
    "$VAULT_ADDR/v1/pki/issue/bench" >/dev/null
done

measure() {
  local query=$1 times=()
  for _ in $(seq 1 "$RUNS"); do
    times+=("$(api -o /dev/null -w '%{time_total}' "$VAULT_ADDR/v1/sys/compliance/report$query")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v q="${query:-json}" \
    '{a[NR]=$1} END {printf "%-14s runs %s  median %.3f s  min %.3f s  max %.3f s\n", q, NR, a[int((NR+1)/2)], a[1], a[NR]}'
}
echo "tokens $TOKENS, transit keys $KEYS, certificates $CERTS, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
measure ""
measure "?format=html"
api "$VAULT_ADDR/v1/sys/compliance/report" | jq -r '.data.report.sections[] | "\(.id): \(.status)"'
