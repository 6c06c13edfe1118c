-- Certificate signing from a fixed CSR: POST /v1/pki/sign/core-server. The CSR (EC P-256, CN
-- bench.core.keyward.internal) is parsed and its signature checked on every request; the
-- certificate is signed with the CA key in the HSM and stored. No key pair is made.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua"
local report = require("report")
-- The PEM newlines are JSON escapes (each \\n below is a backslash and an n in the body).
local csr = "-----BEGIN CERTIFICATE REQUEST-----\\nMIHgMIGIAgEAMCYxJDAiBgNVBAMMG2JlbmNoLmNvcmUua2V5d2FyZC5pbnRlcm5h\\nbDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLqH9nL6vUzIgl8t4hCMlH7AIi7z\\njCdJVFcICHbK79pt5ZUlrQfvghhqnC1X0h3jNEM9jgJZFLUqwPz2bDxpRAGgADAK\\nBggqhkjOPQQDAgNHADBEAiAIaIK2/iVBp0HXrrzFHFzXJjpvNMmcMUtLOYJXAVQk\\newIgHGG7CLoSxFdBbyrGQs6ChJalkjeHNIy9gtBLrEPodF8=\\n-----END CERTIFICATE REQUEST-----\\n"
wrk.method = "POST"
wrk.path = "/v1/pki/sign/core-server"
wrk.headers["X-Vault-Token"] = os.getenv("VAULT_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"csr":"' .. csr .. '","ttl":"24h"}'
done = report.done
