# admin: the operators who run Keyward day to day, instead of a root token.
# What: everything on every engine and auth method, and all of sys/ with sudo (mounts, auth
# methods, audit devices, policies, keyring rotation).
# Not: the root-only operations, which stay with a root token made for the occasion:
# rotating the HSM-held root key (sys/rotate/root), generating root tokens (sys/generate-root*)
# and raw storage access (sys/raw*). Note that an admin can write policies, so it is trusted.

path "*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

path "sys/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list", "sudo"]
}

path "sys/rotate/root" {
  capabilities = ["deny"]
}

path "sys/generate-root*" {
  capabilities = ["deny"]
}

path "sys/raw*" {
  capabilities = ["deny"]
}
