#!/usr/bin/env bash
# Container entry point: makes (once) the SoftHSM2 token under the data volume, unless
# SOFTHSM2_CONF already points at one, then runs the server in place of this script so that
# `docker stop` (SIGTERM) reaches the JVM. The JVM gets the same default options as bin/keyward
# (jvm-options next to this script; KEYWARD_DEFAULT_JAVA_OPTS replaces them, JAVA_OPTS comes after).
# Everything it runs is found next to it (/opt/keyward in the image), so a test can run it in place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_dir="${KEYWARD_DATA_DIR:-/var/lib/keyward}"
if [ -z "${SOFTHSM2_CONF:-}" ]; then
  eval "$("$here/softhsm-dev-token.sh" "$data_dir" "${KEYWARD_HSM_TOKEN_LABEL:-keyward}")"
fi
default_java_opts="$(sed -e 's/#.*//' "$here/jvm-options" | xargs)"
# shellcheck disable=SC2086  # the options hold several words on purpose
exec java ${KEYWARD_DEFAULT_JAVA_OPTS-$default_java_opts} ${JAVA_OPTS:-} -jar "$here/keyward-server.jar" "$@"
