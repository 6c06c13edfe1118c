#!/usr/bin/env bash
# Builds keyward-bench and runs the HSM adapter benchmarks against a fresh SoftHSM2 token under
# bench/target, with 1 and then 2 threads. Usage: bench/hsm.sh [extra JMH options]
# Defaults are short (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement) for a shared 2-core machine;
# FORKS and ITERATIONS raise them, e.g. FORKS=2 ITERATIONS=8 bench/hsm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=${KEYWARD_BENCH_LIBRARY:-/usr/lib/softhsm/libsofthsm2.so}
[ -f "$LIB" ] || { echo "SoftHSM2 missing ($LIB): apt-get install softhsm2" >&2; exit 1; }

HSM=bench/target/softhsm
rm -rf "$HSM" && mkdir -p "$HSM/tokens" && chmod 700 "$HSM"
cat > "$HSM/softhsm2.conf" <<CONF
directories.tokendir = $PWD/$HSM/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
slots.mechanisms = ALL
CONF
export SOFTHSM2_CONF=$PWD/$HSM/softhsm2.conf
PIN=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ' | cut -c1-8)
SO_PIN=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ' | cut -c1-8)
LABEL=kw-bench
softhsm2-util --init-token --free --label "$LABEL" --so-pin "$SO_PIN" --pin "$PIN" >/dev/null
umask 077 && printf '%s\n' "$PIN" > "$HSM/pin" && umask 022

mvn -B -q -o -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true

export KEYWARD_BENCH_LIBRARY=$LIB KEYWARD_BENCH_TOKEN=$LABEL KEYWARD_BENCH_PIN_FILE=$PWD/$HSM/pin
for threads in 1 2; do
  java -jar bench/target/benchmarks.jar HsmAdapterBenchmark \
    -f "${FORKS:-1}" -wi 3 -w 1s -i "${ITERATIONS:-5}" -r 1s -t "$threads" \
    -rf json -rff "bench/target/hsm-t$threads.json" "$@"
done
