#!/usr/bin/env bash
# Make sure the PostgreSQL server binaries (initdb, pg_ctl) are installed: the
# test suite starts its own throwaway server from them in a temporary
# directory (tests/postgres_server.py). Installing the Debian package
# "postgresql" is the only system step; this script starts no server and
# changes no configuration. Idempotent.
#
# If the package is missing and cannot be installed (no root, no sudo, no
# apt-get), it says so and exits 0: the PostgreSQL tests are then skipped with
# that reason (and fail under CI=true).
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null; then
        SUDO="sudo"
    else
        echo "PostgreSQL server not installed, and not root without sudo: PostgreSQL tests will be skipped" \
             "(install the 'postgresql' package, or set LETOPIS_TEST_POSTGRES_URL)" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null; then
    echo "PostgreSQL server not installed and no apt-get: PostgreSQL tests will be skipped" \
         "(install the server binaries, or set LETOPIS_TEST_POSTGRES_URL)" >&2
    exit 0
fi

echo "installing the PostgreSQL server package (the only system step of 'make test')" >&2
APT=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get)
if ! { "${APT[@]}" update -qq >/dev/null && "${APT[@]}" install -y -qq postgresql >/dev/null; }; then
    echo "could not install the 'postgresql' package: PostgreSQL tests will be skipped" >&2
fi
