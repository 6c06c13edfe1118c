# default: attached to every token unless it was created without it.
# Who: every client. What: manage its own token (look it up, renew it, revoke it) and ask which
# capabilities it has on a path. Nothing else: no secrets, no configuration.
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
