#!/usr/bin/env bash
# One-shot set-up of compose-ha.yaml: the SoftHSM2 token every node shares (under /hsm) and a node
# CA with one listener certificate per node name given (under /pki). Safe to run again.
set -euo pipefail
umask 077
if [ ! -f /hsm/pin ]; then
  eval "$(/opt/keyward/softhsm-dev-token.sh /hsm-data keyward)"
  cp -r /hsm-data/hsm/. /hsm/
  sed -i 's#/hsm-data/hsm#/hsm#' /hsm/softhsm2.conf
fi
cd /pki
if [ ! -f ca.pem ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-key.pem \
    -out ca.pem -days 825 -subj /CN=keyward-ha-node-ca \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
fi
for node in "$@"; do
  [ -f "$node.pem" ] && continue
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$node-key.pem" \
    -out "$node.csr" -subj "/CN=$node"
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' \
    "$node" > "$node.ext"
  openssl x509 -req -in "$node.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -out "$node.pem" -days 825 -extfile "$node.ext"
done
# The server runs as user keyward: it reads the token, the PIN and its certificate.
chown -R keyward:keyward /hsm /pki
chmod 0644 ca.pem
