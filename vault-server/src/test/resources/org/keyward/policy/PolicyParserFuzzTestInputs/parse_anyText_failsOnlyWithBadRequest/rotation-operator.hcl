# rotation-operator: the job or person that rotates keys on schedule.
# What: rotate the barrier keyring (sys/rotate) and the HSM-held root key (sys/rotate/root),
# re-encrypt entries under the newest key (sys/reencrypt), retire old keyring keys
# (sys/keyring/retire), check key status, and rotate any transit key. Not: reading or writing
# secrets, encrypting or decrypting, creating or deleting keys, any other configuration.

path "sys/rotate" {
  capabilities = ["update", "sudo"]
}

path "sys/rotate/root" {
  capabilities = ["update", "sudo"]
}

path "sys/reencrypt" {
  capabilities = ["update", "sudo"]
}

path "sys/keyring/retire" {
  capabilities = ["update", "sudo"]
}

path "sys/key-status" {
  capabilities = ["read"]
}

path "transit/keys/+/rotate" {
  capabilities = ["update"]
}
