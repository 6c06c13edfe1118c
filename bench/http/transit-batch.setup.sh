# Sourced by http-bench.sh before the transit-batch workload: makes the aes256-gcm96 key and tells
# the harness that one request carries 1,000 items, so it also prints items/s.
api -d '{"type":"aes256-gcm96"}' "$VAULT_ADDR/v1/transit/keys/bench-batch" >/dev/null
BENCH_ITEMS=1000
# 32 connections each waiting on a 1,000-item request only queue (p50 > 1 s); 8 keep both cores
# busy with shorter waits.
BENCH_CONNS=8
