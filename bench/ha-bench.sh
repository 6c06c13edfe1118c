#!/usr/bin/env bash
# HA on PostgreSQL: KV write and read throughput of one active node, and the cost of forwarding
# (the same workloads sent to a standby, which forwards them to the active), in one run:
#   bench/ha-bench.sh
# Starts two nodes of the server jar (build it first: mvn -B -DskipTests package) on a fresh
# database of the local PostgreSQL (127.0.0.1:5432, user postgres; PGURL/PGUSER override), one
# SoftHSM2 token and a node CA made with openssl, initialises the cluster, then runs wrk.
# Environment: DURATION (10s), WARMUP (5s), CONNS (32). The failover time comes from HaClusterIT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-32}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
for tool in wrk jq psql openssl curl; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
jar=vault-server/target/keyward-server.jar
[ -f "$jar" ] || { echo "build the server first: mvn -B -DskipTests package" >&2; exit 2; }
data=$(mktemp -d "${TMPDIR:-/tmp}/keyward-ha-bench.XXXXXX")
db="keyward_ha_bench_$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "CREATE DATABASE $db"
eval "$(scripts/softhsm-dev-token.sh "$data/hsm" keyward-ha-bench)"
( cd "$data"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-key.pem -out ca.pem \
    -days 2 -subj /CN=bench-node-ca -addext basicConstraints=critical,CA:true \
    -addext keyUsage=critical,keyCertSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout node-key.pem -out node.csr \
    -subj /CN=node 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > node.ext
  openssl x509 -req -in node.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out node.pem -days 2 \
    -extfile node.ext 2>/dev/null )
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ports=()
for n in a b; do
  port=$(free_port); ports+=("$port")
  mkdir -p "$data/$n"
  cat > "$data/$n/keyward.conf" <<CONF
listen_address = 127.0.0.1:$port
data_dir = $data/$n
storage = postgresql
postgres_url = jdbc:postgresql://$PGHOST:5432/$db
postgres_user = $PGUSER
tls_cert_file = $data/node.pem
tls_key_file = $data/node-key.pem
ha_enabled = true
ha_tls_ca_file = $data/ca.pem
api_addr = https://127.0.0.1:$port
node_id = bench-$n
CONF
  java -jar "$jar" server -config="$data/$n/keyward.conf" >"$data/$n.log" 2>&1 &
  pids+=($!)
  # Let the first node win the lease, so the roles are known.
  for _ in $(seq 1 240); do
    curl -s --cacert "$data/ca.pem" "https://127.0.0.1:$port/v1/sys/leader" 2>/dev/null \
      | jq -e '.leader_address != ""' >/dev/null 2>&1 && break
    sleep 0.5
  done
done
active="https://127.0.0.1:${ports[0]}"
standby="https://127.0.0.1:${ports[1]}"
api() { curl -sf --cacert "$data/ca.pem" "$@"; }
[ "$(api "$active/v1/sys/leader" | jq -r .is_self)" = true ] || { echo "node a is not active" >&2; exit 1; }
VAULT_TOKEN=$(api -X PUT -d '{}' "$standby/v1/sys/init" | jq -r .root_token)
export VAULT_TOKEN BENCH_LUA_DIR="$here/http"
api -H "X-Vault-Token: $VAULT_TOKEN" -d '{"type":"kv","options":{"version":"2"}}' "$active/v1/sys/mounts/secret" >/dev/null
api -H "X-Vault-Token: $VAULT_TOKEN" -d '{"data":{"password":"'"$(head -c 150 /dev/urandom | base64 -w0 | head -c 200)"'"}}' \
  "$active/v1/secret/data/bench/read" >/dev/null

printf '%-22s %10s %9s %9s %8s %7s\n' workload req/s p50_ms p99_ms ratio errors
for w in kv-write kv-read; do
  base=""
  for target in active standby; do
    url=${!target}
    wrk -t1 -c"$CONNS" -d"$WARMUP" --timeout 10s -s "$here/http/$w.lua" "$url" >/dev/null
    line=$(wrk -t1 -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s "$here/http/$w.lua" "$url" | grep '^RESULT')
    get() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
    rps=$(get rps)
    [ -n "$base" ] || base=$rps
    printf '%-22s %10s %9s %9s %8s %7s\n' "$w[$target]" "$rps" "$(get p50_ms)" "$(get p99_ms)" \
      "$(awk -v a="$rps" -v b="$base" 'BEGIN{printf "%.2f", a/b}')" "$(( $(get errors) ))"
  done
done
echo "ratio: requests through the standby (forwarded over mTLS) per request sent to the active"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1), $(psql --version)"
echo "wrk -t1 -c$CONNS -d$DURATION (warm-up $WARMUP), HTTPS keep-alive, PostgreSQL, nodes and wrk on one machine"
