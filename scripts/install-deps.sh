#!/usr/bin/env bash
# Installs chartflow's build and test dependencies from Debian 12 packages (run as root).
# Does nothing, and needs no network, when everything is already installed.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config binutils
  libboost-dev libboost-filesystem-dev   # Boost.DLL (header-only) and the filesystem library it uses
  libpoco-dev                            # Poco Net: the review workstation's HTTP server and the FHIR sink's client
  libssl-dev                             # OpenSSL (Apache-2.0): SHA-256 of every input, TLS
  libsqlite3-dev                         # the batch journal (SQLite, public domain)
  libmimalloc-dev                        # the program's allocator (mimalloc, MIT)
  libspdlog-dev                          # logging
  nlohmann-json3-dev                     # JSON for the record model and the SDK
  libvalijson-dev                        # JSON Schema validation
  libtesseract-dev libleptonica-dev      # OCR stage
  libgif-dev libpng-dev libjpeg-dev      # OCR stage: GIF, PNG and JPEG decoded directly
  tesseract-ocr tesseract-ocr-eng        # the English model (and the CLI the OCR benchmark compares with)
  libpoppler-cpp-dev                     # PDF reader stage
  python3-pil python3-numpy fonts-liberation  # the generator of scanned test fixtures
  libgtest-dev libgmock-dev              # tests
  libbenchmark-dev                       # benchmarks
  libxml2-utils                          # xmllint: tests validate NAACCR XML against the NAACCR XSD
  libxml2-dev                            # the registry store reads NAACCR XML (chartflow registry import)
  chromium nodejs                        # the batch report's browser test (tests/report, puppeteer-core from npm)
                                         # and the FHIR test server (tests/peers/fhir, @medplum from npm)
  python3-hl7 openssl curl               # the HL7 v2 MLLP test receiver (tests/peers/hl7); test certificates; FHIR searches
  r-base-core r-cran-survival r-cran-relsurv r-cran-epitools  # tests only: registry statistics checked against R
  librabbitmq-dev                        # queue mode: the AMQP 0-9-1 client (rabbitmq-c, MIT)
  rabbitmq-server                        # tests only: a throwaway broker on 127.0.0.1 (never started as a service here)
  python3-yaml                           # tests only: the Kubernetes manifests are parsed and checked
)
# npm is a package of its own in Debian; NodeSource's nodejs carries it (and conflicts with it).
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chartflow: these packages are missing: ${missing[*]}" >&2
  echo "chartflow: run this script as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "chartflow: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Installing rabbitmq-server would start it as a system service listening on every interface;
# the tests start their own broker on 127.0.0.1, so service starts are refused while installing.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
fi
trap 'if [ "$own_policy" = 1 ]; then rm -f "$policy"; fi' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
