# Sourced by http-bench.sh before the transit-decrypt workload: makes an aes256-gcm96 key and one
# ciphertext of 64 bytes for the Lua script to decrypt over and over.
api -d '{"type":"aes256-gcm96"}' "$VAULT_ADDR/v1/transit/keys/bench-decrypt" >/dev/null
BENCH_CIPHERTEXT=$(api -d "{\"plaintext\":\"$(head -c 64 /dev/urandom | base64 -w0)\"}" \
  "$VAULT_ADDR/v1/transit/encrypt/bench-decrypt" | jq -r .data.ciphertext)
export BENCH_CIPHERTEXT
