#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make-cert.sh DIR - makes a throwaway CA and a server certificate for 127.0.0.1 / localhost,
# for the FHIR test peer's TLS tests. Writes into DIR:
#   ca.pem ca.key          the test CA (give ca.pem to the client as its CA bundle)
#   server.pem server.key  the server certificate (SAN IP:127.0.0.1, DNS:localhost) and key
#   other-ca.pem           an unrelated CA, for "untrusted certificate" tests
# Needs only openssl. Keys are unencrypted; everything is test-only and valid for 2 days.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"
umask 077
days=2
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -keyout ca.key -out ca.pem -subj "/CN=chartflow test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -sha256 \
  -keyout server.key -out server.csr -subj "/CN=127.0.0.1" >/dev/null 2>&1
cat > server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days "$days" \
  -extfile server.ext -out server.pem >/dev/null 2>&1
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -keyout other-ca.key -out other-ca.pem -subj "/CN=chartflow unrelated test CA" >/dev/null 2>&1
rm -f server.csr server.ext ca.srl other-ca.key
chmod 644 ca.pem server.pem other-ca.pem
openssl verify -CAfile ca.pem server.pem >/dev/null
echo "$dir"
