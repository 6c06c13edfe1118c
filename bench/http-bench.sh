#!/usr/bin/env bash
# Load test of a real dev server over HTTPS keep-alive, with one command:
#   bench/http-bench.sh [item ...]        (default: health kv-read kv-write)
# It builds the server if needed, starts it on a free loopback port with its own data dir, and
# first WARMS the server with every requested workload in every requested mode (steps included),
# so no measured row runs on a cold JIT; then it resets the steps and measures the list in order.
# Every row gives req/s, p50, p99 and p99.9 latency, errors, and the CPU split over the measured
# window from /proc/<pid>/stat: the server JVM, wrk, and the rest of the machine ("other", the
# neighbours on a shared box), each in % of one core; rates are also given as a ratio of the last
# sys/health row measured before them (so put health first if you want that column), and the
# server's CPU time per request (srv_us/r), which moves less than req/s when neighbours take the
# cores. The comparisons also print the median ratio of srv_us/r.
# Items:
#   <workload>     one measured row: bench/http/<workload>.lua (and its optional .setup.sh)
#   +policy-token  later rows use a non-root token whose only policy has 5 rules
#   +audit-file    enables a file audit device (every request recorded before it is answered)
#   ab:A/B         interleaved comparison of workloads A and B in the current mode:
#                  ROUNDS pairs A,B,A,B,...; prints every run, then the median ratio B/A and its
#                  spread (min-max over the pairs), and the medians of both rates
#   ab:audit:W     workload W without (A) and with (B) a file audit device, toggled via sys/audit
#                  between runs (a fresh audit file each time); restores the mode after
#   ab:token:W     workload W with the root token (A) and the 5-rule policy token (B)
# e.g. bench/http-bench.sh health kv-read +policy-token kv-read +audit-file kv-read
#      ROUNDS=5 DURATION=6s bench/http-bench.sh ab:audit:kv-read ab:kv-read/health
# Environment: DURATION (10s), WARMUP (5s per workload and mode), CONNS (32), THREADS (1),
# ROUNDS (3). pki-issue and pki-sign use the dev server's pki/ CA and role.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
items=("$@")
[ ${#items[@]} -gt 0 ] || items=(health kv-read kv-write)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install -y jq" >&2; exit 2; }

# The workloads an item runs, one per line (steps run none).
workloads_of() {
  case "$1" in
    +*) ;;
    ab:audit:* | ab:token:*) echo "${1#ab:*:}" ;;
    ab:*/*) local pair=${1#ab:}; echo "${pair%%/*}"; echo "${pair#*/}" ;;
    ab:*) echo "bad comparison '$1': use ab:A/B, ab:audit:W or ab:token:W" >&2; exit 2 ;;
    *) echo "$1" ;;
  esac
}
for item in "${items[@]}"; do
  case "$item" in +policy-token | +audit-file) continue ;; +*) echo "no step $item" >&2; exit 2 ;; esac
  for w in $(workloads_of "$item"); do
    [ -f "$here/http/$w.lua" ] || { echo "no workload $w ($here/http/$w.lua)" >&2; exit 2; }
  done
done

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
root_token=$VAULT_TOKEN
policy_token=""
api() { curl -sf --cacert "$VAULT_CACERT" -H "X-Vault-Token: $root_token" "$@"; }
pid_rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$1/status 2>/dev/null || echo 0; }
jvm=$(pgrep -f "keyward-server.jar.*$port" | head -1 || echo $server)
hz=$(getconf CLK_TCK)
# utime+stime of a process, and cutime+cstime (its waited-for children: wrk) of this shell.
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
child_ticks() { awk '{print $16+$17}' /proc/$$/stat; }
# Busy ticks of the whole machine (all cores), from /proc/stat.
host_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }

# --- modes: the steps, which can also be undone (for the warm-up and the comparisons) ---
mode=root
audit_on=0
audit_files=0
use_policy_token() {
  if [ -z "$policy_token" ]; then
    local policy='path "secret/data/bench/*" { capabilities = ["read", "create", "update"] }
path "secret/metadata/bench/*" { capabilities = ["list"] }
path "transit/encrypt/bench" { capabilities = ["update"] }
path "transit/decrypt/bench" { capabilities = ["update"] }
path "sys/health" { capabilities = ["read"] }'
    api -X PUT -d "$(jq -n --arg p "$policy" '{policy: $p}')" "$VAULT_ADDR/v1/sys/policies/acl/bench" >/dev/null
    policy_token=$(api -d '{"policies":["bench"],"ttl":"4h"}' "$VAULT_ADDR/v1/auth/token/create" | jq -r .auth.client_token)
  fi
  VAULT_TOKEN=$policy_token; mode="${mode/root/token}"
}
use_root_token() { VAULT_TOKEN=$root_token; mode="${mode/token/root}"; }
audit_enable() {
  [ "$audit_on" = 1 ] && return
  audit_files=$((audit_files + 1))
  # A fresh file each time: a device enabled anew starts its own hash chain.
  api -X PUT -d "{\"type\":\"file\",\"options\":{\"file_path\":\"bench-audit-$audit_files.log\"}}" \
    "$VAULT_ADDR/v1/sys/audit/file" >/dev/null
  audit_on=1; mode="$mode+audit"
}
audit_disable() {
  [ "$audit_on" = 1 ] || return 0
  api -X DELETE "$VAULT_ADDR/v1/sys/audit/file" >/dev/null
  audit_on=0; mode="${mode%+audit}"
}
export VAULT_TOKEN

# --- workloads: setup once, then runs ---
declare -A items_of conns_of
prepare() {
  local w=$1
  [ -n "${conns_of[$w]:-}" ] && return
  # A workload may bring a setup script (sourced: it can use api and export variables for its
  # Lua script); BENCH_ITEMS set there makes its rows also report items/s, BENCH_CONNS overrides
  # CONNS for it (shown in the row's mode).
  BENCH_ITEMS="" BENCH_CONNS=""
  if [ -f "$here/http/$w.setup.sh" ]; then . "$here/http/$w.setup.sh"; fi
  items_of[$w]=$BENCH_ITEMS
  conns_of[$w]=${BENCH_CONNS:-$CONNS}
}

# Runs wrk on workload $1 for $2 and sets: rps p50 p99 p999 errors srv_cpu wrk_cpu other_cpu rss.
run_wrk() {
  local w=$1 length=$2 out="$data/wrk.out"
  export VAULT_TOKEN
  local t0 c0 h0 s0 t1 c1 h1 s1
  t0=$(cpu_ticks "$jvm"); h0=$(host_ticks); s0=$(date +%s.%N); c0=$(child_ticks)
  wrk -t"$THREADS" -c"${conns_of[$w]}" -d"$length" --timeout 10s --latency -s "$here/http/$w.lua" \
    "$VAULT_ADDR" >"$out" &
  wait $!
  c1=$(child_ticks); t1=$(cpu_ticks "$jvm"); h1=$(host_ticks); s1=$(date +%s.%N)
  local line; line=$(grep '^RESULT' "$out")
  get() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
  rps=$(get rps) p50=$(get p50_ms) p99=$(get p99_ms) p999=$(get p999_ms) errors=$(($(get errors)))
  # Server CPU per request: steadier than req/s when neighbours take the cores.
  srv_us=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v n="$(get requests)" 'BEGIN{printf "%.0f", n ? 1e6*t/hz/n : 0}')
  pct() { awk -v t="$1" -v hz="$hz" -v s0="$s0" -v s1="$s1" 'BEGIN{printf "%.0f", 100*t/hz/(s1-s0)}'; }
  srv_cpu=$(pct $((t1 - t0))) wrk_cpu=$(pct $((c1 - c0)))
  other_cpu=$(pct $((h1 - h0 - (t1 - t0) - (c1 - c0))))
  rss=$(pid_rss "$jvm")
}

header() {
  printf '%-30s %9s %7s %8s %8s %6s %6s %5s %5s %5s %8s %5s\n' workload req/s p50_ms p99_ms p999_ms \
    ratio errors srv% wrk% oth% srv_us/r MiB
}
health_rps=""
# Measures workload $1 once and prints its row, labelled with the mode (and $2 if given).
row() {
  local w=$1 label="$1[$mode${2:-}]"
  prepare "$w"
  [ "${conns_of[$w]}" = "$CONNS" ] || label="$w[$mode,c${conns_of[$w]}${2:-}]"
  run_wrk "$w" "$DURATION"
  [ "$w" = health ] && health_rps=$rps
  local ratio; ratio=$([ -n "$health_rps" ] && awk -v a="$rps" -v b="$health_rps" 'BEGIN{printf "%.2f", a/b}' || echo "-")
  printf '%-30s %9s %7s %8s %8s %6s %6s %5s %5s %5s %8s %5s\n' "$label" "$rps" "$p50" "$p99" "$p999" \
    "$ratio" "$errors" "$srv_cpu" "$wrk_cpu" "$other_cpu" "$srv_us" "$rss"
  if [ -n "${items_of[$w]}" ]; then
    printf '%-30s %9s items/s (%s items per request)\n' "" \
      "$(awk -v r="$rps" -v n="${items_of[$w]}" 'BEGIN{printf "%.0f", r*n}')" "${items_of[$w]}"
  fi
}
median() { sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# ROUNDS pairs A,B: $1/$2 switch to side A/B and run it (measuring), $3 names the comparison.
compare() {
  local side_a=$1 side_b=$2 name=$3 ratios="" as="" bs="" cpus="" i
  for i in $(seq 1 "$ROUNDS"); do
    $side_a " #$i A"; local a=$rps ca=$srv_us
    $side_b " #$i B"; local b=$rps cb=$srv_us
    ratios="$ratios $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}')" as="$as $a" bs="$bs $b"
    cpus="$cpus $(awk -v a="$ca" -v b="$cb" 'BEGIN{printf "%.3f", a ? b/a : 0}')"
  done
  local cpu_list; cpu_list=$(echo $cpus | tr ' ' '\n')
  local list; list=$(echo $ratios | tr ' ' '\n')
  printf '  => %s: B/A median %.2f (min %.2f, max %.2f) over %s pairs; median req/s A %s, B %s\n' \
    "$name" "$(median <<<"$list")" "$(sort -g <<<"$list" | head -1)" "$(sort -g <<<"$list" | tail -1)" \
    "$ROUNDS" "$(echo $as | tr ' ' '\n' | median)" "$(echo $bs | tr ' ' '\n' | median)"
  printf '     server CPU per request B/A: median %.2f (min %.2f, max %.2f)\n' "$(median <<<"$cpu_list")" \
    "$(sort -g <<<"$cpu_list" | head -1)" "$(sort -g <<<"$cpu_list" | tail -1)"
}

# Runs one item: a step, a row or a comparison.
run_item() {
  local item=$1
  case "$item" in
    +policy-token) use_policy_token ;;
    +audit-file) audit_enable ;;
    ab:audit:*)
      local w=${item#ab:audit:} was=$audit_on
      compare "audit_off_run $w" "audit_on_run $w" "$w, file audit on / off"
      [ "$was" = 1 ] && audit_enable || audit_disable ;;
    ab:token:*)
      local w=${item#ab:token:} was=$VAULT_TOKEN
      compare "root_run $w" "token_run $w" "$w, 5-rule policy token / root token"
      [ "$was" = "$root_token" ] && use_root_token || use_policy_token ;;
    ab:*)
      local pair=${item#ab:}
      compare "row ${pair%%/*}" "row ${pair#*/}" "${pair#*/} / ${pair%%/*}" ;;
    *) row "$item" ;;
  esac
}
audit_off_run() { audit_disable; row "$1" "$2"; }
audit_on_run() { audit_enable; row "$1" "$2"; }
root_run() { use_root_token; row "$1" "$2"; }
token_run() { use_policy_token; row "$1" "$2"; }

# --- warm-up: every workload in every mode the list will use, then back to the start state ---
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A warmed
warm() {
  local w=$1 key="$1[$mode]"
  [ -n "${warmed[$key]:-}" ] && return
  prepare "$w"
  wrk -t"$THREADS" -c"${conns_of[$w]}" -d"$WARMUP" --timeout 10s -s "$here/http/$w.lua" "$VAULT_ADDR" >/dev/null
  warmed[$key]=1
}
for item in "${items[@]}"; do
  case "$item" in
    +policy-token) use_policy_token ;;
    +audit-file) audit_enable ;;
    ab:audit:*) warm "${item#ab:audit:}"; audit_enable; warm "${item#ab:audit:}" ;;
    ab:token:*) warm "${item#ab:token:}"; use_policy_token; warm "${item#ab:token:}" ;;
    *) for w in $(workloads_of "$item"); do warm "$w"; done ;;
  esac
done
audit_disable
use_root_token
echo "warmed: ${!warmed[*]} (${WARMUP} each)"

header
for item in "${items[@]}"; do run_item "$item"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)"
echo "wrk -t$THREADS -c$CONNS -d$DURATION per row (warm-up $WARMUP per workload and mode), ROUNDS=$ROUNDS," \
  "HTTPS keep-alive, server and wrk on one machine; srv%/wrk%/oth% = CPU of the server JVM, wrk and" \
  "everything else, in % of one core; srv_us/r = server CPU microseconds per request"
