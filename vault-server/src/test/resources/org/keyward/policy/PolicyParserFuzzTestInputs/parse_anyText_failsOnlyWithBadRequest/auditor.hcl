# auditor: compliance and security staff who check how Keyward is set up and used.
# What: read the audit device list, policies, mounts, auth methods and key status, and read and
# list KV metadata (names, versions, times). Not: any secret value (secret/data/*), any transit
# operation (no decrypt), any change anywhere.
# sudo is there because Vault protects reading sys/audit that way; with only read and list it
# allows nothing more.

path "sys/audit" {
  capabilities = ["read", "sudo"]
}

path "sys/audit/*" {
  capabilities = ["read", "list", "sudo"]
}

path "sys/policies/acl" {
  capabilities = ["list"]
}

path "sys/policies/acl/*" {
  capabilities = ["read", "list"]
}

path "sys/policy" {
  capabilities = ["read"]
}

path "sys/policy/*" {
  capabilities = ["read"]
}

path "sys/mounts" {
  capabilities = ["read"]
}

path "sys/auth" {
  capabilities = ["read"]
}

path "sys/key-status" {
  capabilities = ["read"]
}

path "secret/metadata/*" {
  capabilities = ["read", "list"]
}
