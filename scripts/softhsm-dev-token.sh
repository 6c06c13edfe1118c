#!/usr/bin/env bash
# Sets up the SoftHSM2 token a dev (or container) server uses, under DATA_DIR/hsm, once:
#   DATA_DIR/hsm/softhsm2.conf  SoftHSM configuration pointing at the token directory below
#   DATA_DIR/hsm/tokens/        token files
#   DATA_DIR/hsm/pin            random user PIN, mode 0600 (the SO PIN is random and discarded)
# and prints the environment the server needs, for eval:
#   eval "$(scripts/softhsm-dev-token.sh DATA_DIR [LABEL])"
# SoftHSM reads SOFTHSM2_CONF when the PKCS#11 module initialises, which a JVM cannot set for
# itself: that is why this runs before the server starts. Safe to run again: it reuses the token.
# It never overwrites a PIN file, and it refuses to make a new token when DATA_DIR holds a vault
# whose token is gone (a new token could not open it; see the message for the recovery key).
# KEYWARD_DEV_NEW_TOKEN=1 allows a new token next to an existing vault, for a recovery restore,
# once the old PIN file has been moved away.
set -euo pipefail
umask 077

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 DATA_DIR [TOKEN_LABEL]" >&2
  exit 2
fi
label="${2:-keyward-dev}"
command -v softhsm2-util >/dev/null || { echo "softhsm2-util not found: apt-get install -y softhsm2" >&2; exit 1; }

mkdir -p "$1"
data_dir="$(cd "$1" && pwd)"
hsm_dir="$data_dir/hsm"
conf="$hsm_dir/softhsm2.conf"
pin_file="$hsm_dir/pin"
mkdir -p "$hsm_dir/tokens"

if [ ! -f "$conf" ]; then
  cat >"$conf" <<CONF
directories.tokendir = $hsm_dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
slots.mechanisms = ALL
CONF
fi
export SOFTHSM2_CONF="$conf"

random_pin() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

token_gone() {
  cat >&2 <<MSG
$data_dir holds a vault whose HSM token '$label' is gone from $hsm_dir/tokens.
A new token could not open that vault, so none is made and $pin_file is left as it is.
- If the token directory was moved or lost in a copy, put it back in $hsm_dir/tokens and start again.
- Otherwise the data can only come back with the vault's recovery key (sys/init returned it; a
  dev-mode vault has none, its data is lost with the token): move $pin_file away (keep it while
  the old token may turn up), run again with KEYWARD_DEV_NEW_TOKEN=1, start the server (it stays
  up sealed) and send PUT /v1/sys/recovery/restore {"recovery_key":"..."}.
MSG
  exit 1
}

if softhsm2-util --show-slots 2>/dev/null | grep -Eq "^[[:space:]]*Label:[[:space:]]+$label[[:space:]]*$"; then
  [ -s "$pin_file" ] || { echo "token '$label' exists in $hsm_dir/tokens but $pin_file is missing" >&2; exit 1; }
else
  # A PIN file without its token, or a vault without either: the token is gone.
  [ -e "$pin_file" ] && token_gone
  if [ -s "$data_dir/keyward.db" ] && [ "${KEYWARD_DEV_NEW_TOKEN:-}" != 1 ]; then
    token_gone
  fi
  pin="$(random_pin)"
  # Write the PIN first (mode 0600 from umask), so a token never exists without its PIN;
  # noclobber: never over a PIN file, even one that appeared meanwhile.
  (set -o noclobber; printf '%s\n' "$pin" >"$pin_file")
  softhsm2-util --init-token --free --label "$label" --so-pin "$(random_pin)" --pin "$pin" >/dev/null
fi

printf 'export SOFTHSM2_CONF=%q\n' "$conf"
printf 'export KEYWARD_HSM_TOKEN_LABEL=%q\n' "$label"
printf 'export KEYWARD_HSM_PIN_FILE=%q\n' "$pin_file"
