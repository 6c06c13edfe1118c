-- Certificate issuance: POST /v1/pki/issue/core-server (a dev server's ready role) for a Core
-- name. Keyward makes an EC P-256 key pair, builds the certificate, signs it with the CA key in
-- the HSM (SoftHSM2), stores it, and returns certificate and private key.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.path = "/v1/pki/issue/core-server"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"common_name":"bench.core.keyward.internal","ttl":"24h"}'
done = report.done
