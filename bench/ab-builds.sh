#!/usr/bin/env bash
# Two builds side by side: bench/ab-builds.sh TREE_A TREE_B [workload ...]   (default: health kv-read)
# Starts `bin/keyward server -dev` from each tree (its jar must be built), sets up and warms every
# workload on both, then measures short wrk runs that alternate between the two servers (A,B then
# B,A in the next round). An idle server costs nothing, so the neighbours' load on a shared machine
# falls on both alike within seconds; whole bench/http-bench.sh runs one after the other do not
# (one takes a minute or more, and the load changes faster). Prints every run, then per workload the
# median B/A of req/s and of server CPU per request (srv_us/r), with min-max, over ROUNDS pairs.
# Workloads are bench/http/<w>.lua with their optional .setup.sh, as in http-bench.sh.
# Environment: ROUNDS (6), DURATION (5s), WARMUP (8s), CONNS (32; a setup's BENCH_CONNS wins).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
tree_a=$(cd "$1" && pwd) tree_b=$(cd "$2" && pwd)
shift 2
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(health kv-read)
ROUNDS=${ROUNDS:-6} DURATION=${DURATION:-5s} WARMUP=${WARMUP:-8s} CONNS=${CONNS:-32}
for w in "${workloads[@]}"; do
  [ -f "$here/http/$w.lua" ] || { echo "no workload $w ($here/http/$w.lua)" >&2; exit 2; }
done
for t in "$tree_a" "$tree_b"; do
  [ -f "$t/vault-server/target/keyward-server.jar" ] || { echo "build $t first (mvn -B -q install -DskipTests)" >&2; exit 2; }
done

data=$(mktemp -d "${TMPDIR:-/tmp}/keyward-ab.XXXXXX")
declare -A tree=([A]=$tree_a [B]=$tree_b) jvm addr cacert
cleanup() {
  local p
  for p in "${jvm[A]:-}" "${jvm[B]:-}"; do
    [ -n "$p" ] || continue
    kill "$p" 2>/dev/null || continue
    # Wait for the JVM to finish its shutdown before its data directory goes.
    while kill -0 "$p" 2>/dev/null; do sleep 0.2; done
  done
  rm -rf "$data"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
host_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }

for side in A B; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (cd "${tree[$side]}" && exec bin/keyward server -dev -dev-listen-address="127.0.0.1:$port" \
    -dev-root-token-id="ab-$side" -data-dir="$data/$side" >"$data/$side.log" 2>&1) &
  for _ in $(seq 1 240); do [ -f "$data/$side/dev.env" ] && break; sleep 0.5; done
  [ -f "$data/$side/dev.env" ] || { echo "server $side did not start:"; tail -20 "$data/$side.log"; exit 1; }
  jvm[$side]=$(pgrep -f "keyward-server.jar.*127.0.0.1:$port" | head -1 || true)
  [ -n "${jvm[$side]}" ] || { echo "no server JVM found for $side on port $port" >&2; exit 1; }
  addr[$side]="https://127.0.0.1:$port" cacert[$side]="$data/$side/tls/ca.pem"
  # What each workload's setup exports (keys, ciphertexts) differs per server: kept per side.
  for w in "${workloads[@]}"; do
    (
      VAULT_ADDR=${addr[$side]} VAULT_CACERT=${cacert[$side]} VAULT_TOKEN=ab-$side
      api() { curl -sf --cacert "$VAULT_CACERT" -H "X-Vault-Token: $VAULT_TOKEN" "$@"; }
      api -H 'Content-Type: application/json' -d '{"data":{"password":"ab-builds-bench-secret"}}' \
        "$VAULT_ADDR/v1/secret/data/bench/read" >/dev/null
      BENCH_CONNS=$CONNS BENCH_ITEMS=1
      # A setup's own output goes to the log, not into the file sourced later.
      if [ -f "$here/http/$w.setup.sh" ]; then . "$here/http/$w.setup.sh" >>"$data/$side.log"; fi
      printf 'BENCH_CONNS=%q BENCH_ITEMS=%q\n' "$BENCH_CONNS" "${BENCH_ITEMS:-1}" >"$data/$side.$w.env"
      for name in $(compgen -e | grep '^BENCH_' | grep -v '^BENCH_\(CONNS\|ITEMS\)$' || true); do
        printf 'export %s=%q\n' "$name" "${!name}" >>"$data/$side.$w.env"
      done
    )
  done
done

# Runs workload $2 on side $1 for $3; prints: req/s p99_ms srv_us/r other_cpu% items_per_request
# (other: the machine's busy CPU minus the server's and wrk's, in % of one core).
run() {
  local side=$1 w=$2 length=$3 out="$data/wrk.out"
  (
    . "$data/$side.$w.env"
    export BENCH_LUA_DIR="$here/http" VAULT_TOKEN="ab-$side"
    me=$BASHPID
    child_ticks() { awk '{print $16+$17}' "/proc/$me/stat"; }
    t0=$(cpu_ticks "${jvm[$side]}"); h0=$(host_ticks); c0=$(child_ticks); s0=$(date +%s.%N)
    wrk -t1 -c"$BENCH_CONNS" -d"$length" --timeout 10s --latency -s "$here/http/$w.lua" "${addr[$side]}" >"$out"
    t1=$(cpu_ticks "${jvm[$side]}"); h1=$(host_ticks); c1=$(child_ticks); s1=$(date +%s.%N)
    line=$(grep '^RESULT' "$out")
    get() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
    awk -v rps="$(get rps)" -v p99="$(get p99_ms)" -v n="$(get requests)" -v items="$BENCH_ITEMS" \
      -v t=$((t1 - t0)) -v c=$((c1 - c0)) -v h=$((h1 - h0)) -v hz="$hz" -v s0="$s0" -v s1="$s1" \
      'BEGIN{printf "%s %s %.0f %.0f %s\n", rps, p99, n ? 1e6*t/hz/n : 0, 100*(h-t-c)/hz/(s1-s0), items}'
  )
}

echo "# A = $tree_a ($(git -C "$tree_a" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "# B = $tree_b ($(git -C "$tree_b" rev-parse --short HEAD 2>/dev/null || echo '?'))"
for side in A B; do for w in "${workloads[@]}"; do run "$side" "$w" "$WARMUP" >/dev/null; done; done
echo "# $(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); wrk -t1, ${DURATION} per run"
printf '%-5s %-22s %-4s %10s %8s %8s %6s\n' round workload side req/s p99_ms srv_us/r oth%
results="$data/results"
: >"$results"
for r in $(seq 1 "$ROUNDS"); do
  order="A B"; [ $((r % 2)) = 0 ] && order="B A"
  for w in "${workloads[@]}"; do
    for side in $order; do
      read -r rps p99 us oth items < <(run "$side" "$w" "$DURATION")
      printf '%-5s %-22s %-4s %10s %8s %8s %6s\n' "$r" "$w" "$side" "$rps" "$p99" "$us" "$oth"
      echo "$r $w $side $rps $us $items" >>"$results"
    done
  done
done
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); RSS A $(awk '/VmRSS/ {print int($2/1024)}' "/proc/${jvm[A]}/status") MiB, B $(awk '/VmRSS/ {print int($2/1024)}' "/proc/${jvm[B]}/status") MiB"
python3 - "$results" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r, w, side, rps, us, items = line.split()
    runs.setdefault(w, {}).setdefault(r, {})[side] = (float(rps), float(us), int(items))
for w, rounds in runs.items():
    pairs = [v for v in rounds.values() if "A" in v and "B" in v]
    rate = [v["B"][0] / v["A"][0] for v in pairs if v["A"][0]]
    cpu = [v["B"][1] / v["A"][1] for v in pairs if v["A"][1]]
    items = pairs[0]["A"][2]
    med = lambda side, i: statistics.median(v[side][i] for v in pairs)
    unit = "items/s" if items > 1 else "req/s"
    print(f"=> {w}: {unit} B/A median {statistics.median(rate):.2f} ({min(rate):.2f}-{max(rate):.2f}), "
          f"A {med('A', 0) * items:,.0f}, B {med('B', 0) * items:,.0f}; "
          f"srv_us/r B/A median {statistics.median(cpu):.2f} ({min(cpu):.2f}-{max(cpu):.2f}), "
          f"A {med('A', 1):.0f}, B {med('B', 1):.0f}; {len(pairs)} pairs")
EOF
