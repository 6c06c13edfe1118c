# orchestrator-core: the orchestration service that provisions network devices.
# What: read, create and update device secrets in the KV store (secret/ mount, KV v2) under
# devices/, list them and read their metadata; encrypt, decrypt, rewrap and make data keys with
# the transit engine. Not: deleting or destroying secrets, creating or rotating transit keys,
# anything in sys/, anything outside devices/.

path "secret/data/devices/*" {
  capabilities = ["create", "read", "update", "patch"]
}

path "secret/metadata/devices/*" {
  capabilities = ["read", "list"]
}

# update without create: encrypting under a key that does not exist would create it (Vault's
# existence check), so that needs create, which this policy does not grant.
path "transit/encrypt/*" {
  capabilities = ["update"]
}

path "transit/decrypt/*" {
  capabilities = ["update"]
}

path "transit/rewrap/*" {
  capabilities = ["update"]
}

path "transit/datakey/*" {
  capabilities = ["update"]
}
