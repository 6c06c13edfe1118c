-- Durable writes of a 200-byte secret, each connection to its own set of paths so that writes
-- do not contend on one secret's check-and-set; the server acknowledges only after commit.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
local token = os.getenv("VAULT_TOKEN")
local value = string.rep("x", 200)
local body = '{"data":{"password":"' .. value .. '"}}'
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

-- thread_id is a global set per wrk thread in setup(); a local here would shadow it.
function request()
  counter = counter + 1
  local path = string.format("/v1/secret/data/bench/w-%d-%d", thread_id, counter % 5000)
  return wrk.format("POST", path,
      { ["X-Vault-Token"] = token, ["Content-Type"] = "application/json" }, body)
end

done = report.done
