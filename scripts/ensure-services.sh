#!/usr/bin/env bash
# Make sure what the test suite talks to is installed and running:
# a PostgreSQL server on 127.0.0.1:5432 with a trusted "postgres" user.
# Idempotent; safe to run on a machine where all of it is already there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v pg_ctlcluster >/dev/null || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "installing PostgreSQL server" >&2
    apt_install postgresql postgresql-contrib
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    conf="/etc/postgresql/$version/main"
    # tests connect over TCP as postgres without a password (loopback only)
    if ! grep -q "letopis-tests" "$conf/pg_hba.conf"; then
        $SUDO sed -i '1i host all all 127.0.0.1/32 trust # letopis-tests\nhost all all ::1/128 trust # letopis-tests' "$conf/pg_hba.conf"
    fi
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 >&2
