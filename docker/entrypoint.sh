#!/usr/bin/env bash
# Container entry point: makes (once) the SoftHSM2 token under the data volume, unless
# SOFTHSM2_CONF already points at one, then runs the server in place of this script so that
# `docker stop` (SIGTERM) reaches the JVM.
set -euo pipefail
data_dir="${KEYWARD_DATA_DIR:-/var/lib/keyward}"
if [ -z "${SOFTHSM2_CONF:-}" ]; then
  eval "$(/opt/keyward/softhsm-dev-token.sh "$data_dir" "${KEYWARD_HSM_TOKEN_LABEL:-keyward}")"
fi
# shellcheck disable=SC2086  # JAVA_OPTS holds several words on purpose
exec java ${JAVA_OPTS:-} -jar /opt/keyward/keyward-server.jar "$@"
