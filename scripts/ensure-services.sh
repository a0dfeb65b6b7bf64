#!/usr/bin/env bash
# Make sure the system packages the test suite needs are installed:
#
# - the PostgreSQL server binaries (initdb, pg_ctl), Debian package
#   "postgresql": the suite starts its own throwaway server from them in a
#   temporary directory (tests/postgres_server.py);
# - a Chromium browser, Debian package "chromium": the web app's browser tests
#   drive /usr/bin/chromium through Playwright's Python package (no browser is
#   ever downloaded by Playwright);
# - Node.js's npm, Debian package "npm": `make setup` runs `npm ci` to install
#   the web app's map library and offline base map from the project's
#   package-lock.json (the map tests need them);
# - the DejaVu fonts, Debian package "fonts-dejavu-core": `letopis digest
#   --format pdf` draws its text (Cyrillic included) in DejaVu Sans.
#
# Installing these packages is the only system step; this script starts no
# server and changes no configuration. Idempotent: a package already there is
# left alone.
#
# If a package is missing and cannot be installed (no root, no sudo, no
# apt-get), it says so and exits 0: the tests that need it are then skipped
# with that reason (and fail under CI=true).
set -euo pipefail

have_postgresql() {
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1
}
have_chromium() {
    [ -x /usr/bin/chromium ]
}
have_npm() {
    command -v npm >/dev/null 2>&1
}
have_dejavu() {
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]
}

missing=()
have_postgresql || missing+=(postgresql)
have_chromium || missing+=(chromium)
have_npm || missing+=(npm)
have_dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null; then
        SUDO="sudo"
    else
        echo "not installed: ${missing[*]}; not root and no sudo: the tests that need them will be skipped" \
             "(install the Debian packages, or set LETOPIS_TEST_POSTGRES_URL for PostgreSQL)" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null; then
    echo "not installed: ${missing[*]}; no apt-get: the tests that need them will be skipped" \
         "(install them, or set LETOPIS_TEST_POSTGRES_URL for PostgreSQL)" >&2
    exit 0
fi

APT=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get)
"${APT[@]}" update -qq >/dev/null || echo "apt-get update failed; trying the install anyway" >&2
for package in "${missing[@]}"; do
    echo "installing the Debian package '$package' (a system step of 'make test')" >&2
    if ! "${APT[@]}" install -y -qq "$package" >/dev/null; then
        echo "could not install the '$package' package: the tests that need it will be skipped" >&2
    fi
done
