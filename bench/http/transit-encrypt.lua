-- Single-item transit encrypt of 64 bytes under aes256-gcm96 (the key is created by the first
-- request of the warm-up, as Vault's encrypt upserts it).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.path = "/v1/transit/encrypt/bench"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
-- 64 bytes of plaintext, base64-encoded (88 characters).
wrk.body = '{"plaintext":"' .. string.rep("QUJD", 21) .. 'QQ=="}'
done = report.done
