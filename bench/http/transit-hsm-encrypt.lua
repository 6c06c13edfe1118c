-- Single-item transit encrypt of 64 bytes under an hsm-aes256-gcm key (transit-hsm-encrypt.setup.sh
-- makes it): every request is one CKM_AES_GCM call in the HSM, for contrast with transit-encrypt.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.path = "/v1/transit/encrypt/bench-hsm"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"plaintext":"' .. string.rep("QUJD", 21) .. 'QQ=="}'
done = report.done
