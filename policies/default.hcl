# default: attached to every token unless it was created without it.
# Who: every client. What: manage its own token (look it up, renew it, revoke it), ask which
# capabilities it has on a path, and enrol its own TOTP second factor (generate answers only for the
# caller's own entity, and only once per method). Nothing else: no secrets, no configuration.
# Operators may edit it (it cannot be deleted); Keyward never overwrites an existing one.

path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

path "auth/token/revoke-self" {
  capabilities = ["update"]
}

path "sys/capabilities-self" {
  capabilities = ["update"]
}

path "identity/mfa/method/totp/generate" {
  capabilities = ["update"]
}
