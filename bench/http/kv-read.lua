-- Reads one 200-byte secret that http-bench.sh wrote before the run.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "GET"
wrk.path = "/v1/secret/data/bench/read"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
done = report.done
