# Sourced by .ci/run (and usable by hand: `. .ci/postgres.sh`): a throwaway PostgreSQL for the
# ledger's tests, on a Unix socket in a temporary folder (no TCP port), stopped and removed at exit.
# Installs Debian's `postgresql` when no server binaries are found. Idempotent: when
# EKTP_TEST_POSTGRES_URL is already set (a server of ours or the caller's), nothing is started.
# Exports EKTP_TEST_POSTGRES_URL and EKTP_REQUIRE_POSTGRES=1 (the PostgreSQL tests fail, not skip).
if [ -z "${EKTP_TEST_POSTGRES_URL:-}" ]; then
    ektp_pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$ektp_pg_bin" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        ektp_pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    ektp_pg_dir=$(mktemp -d /tmp/ektp-pg.XXXXXX)
    # initdb refuses root: as root, the server runs as Debian's `postgres` user.
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$ektp_pg_dir"
        ektp_pg_as=(runuser -u postgres --)
    else
        ektp_pg_as=()
    fi
    "${ektp_pg_as[@]}" "$ektp_pg_bin/initdb" -D "$ektp_pg_dir/data" -U ektp -A trust -E UTF8 \
        --no-sync >/dev/null
    "${ektp_pg_as[@]}" "$ektp_pg_bin/pg_ctl" -D "$ektp_pg_dir/data" -l "$ektp_pg_dir/log" -w \
        -o "-k $ektp_pg_dir -c listen_addresses= -c fsync=off" start >/dev/null
    "${ektp_pg_as[@]}" "$ektp_pg_bin/createdb" -h "$ektp_pg_dir" -U ektp ektp
    ektp_pg_stop() {
        "${ektp_pg_as[@]}" "$ektp_pg_bin/pg_ctl" -D "$ektp_pg_dir/data" -m immediate stop \
            >/dev/null 2>&1 || true
        rm -rf "$ektp_pg_dir"
    }
    trap ektp_pg_stop EXIT
    export EKTP_TEST_POSTGRES_URL="postgresql://ektp@/ektp?host=$ektp_pg_dir"
fi
export EKTP_REQUIRE_POSTGRES=1
