-- Batch transit encrypt: batch_input of 1,000 items of 64 bytes each under aes256-gcm96, one
-- request (about 100 KB) at a time per connection. items/s = req/s x 1000.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
local item = '{"plaintext":"' .. string.rep("QUJD", 21) .. 'QQ=="}'
local items = {}
for i = 1, 1000 do
  items[i] = item
end
wrk.method = "POST"
wrk.path = "/v1/transit/encrypt/bench-batch"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"batch_input":[' .. table.concat(items, ",") .. ']}'
done = report.done
