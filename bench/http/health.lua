package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
wrk.method = "GET"
wrk.path = "/v1/sys/health"
done = report.done
