-- Single-item transit decrypt of a 64-byte plaintext under aes256-gcm96; the key and the
-- ciphertext come from transit-decrypt.setup.sh (BENCH_CIPHERTEXT).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.path = "/v1/transit/decrypt/bench-decrypt"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ciphertext":"' .. os.getenv("BENCH_CIPHERTEXT") .. '"}'
done = report.done
