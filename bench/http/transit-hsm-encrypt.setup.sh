# Sourced by http-bench.sh before the transit-hsm-encrypt workload: makes an hsm-aes256-gcm key
# (generated in the dev SoftHSM2 token; every encrypt is a PKCS#11 call).
api -d '{"type":"hsm-aes256-gcm"}' "$VAULT_ADDR/v1/transit/keys/bench-hsm" >/dev/null
