# auditor: compliance and security staff who check how Keyward is set up and used.
# What: read the audit device list, policies, mounts, auth methods and key status, read and
# list KV metadata (names, versions, times), and read the NIS2 compliance report, the key-age
# policy and the SBOM. Not: any secret value (secret/data/*), any transit operation (no
# decrypt), any change anywhere (not the key-age policy either).
# sudo is there because Vault protects reading sys/audit that way (and Keyward sys/sbom and
# sys/config/key-policy); with only read and list it allows nothing more.

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

path "sys/compliance/report" {
  capabilities = ["read"]
}

path "sys/config/key-policy" {
  capabilities = ["read", "sudo"]
}

path "sys/sbom" {
  capabilities = ["read", "sudo"]
}
