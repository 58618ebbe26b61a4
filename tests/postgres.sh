# A private, throw-away PostgreSQL server from Debian's package, for one test run (sourced by test.sh and
# bench/race-loop.sh). Needs $pgbin (the folder of initdb); sets $pgport; stop_postgres removes it all again.
# $pg_options, when set, adds server settings ("-c name=value …").
pgroot=$(mktemp -d /tmp/encore-pg.XXXXXX)
pgport=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done

stop_postgres() {
  if [ -f "$pgroot/data/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgroot/data' -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$pgroot"
}

start_postgres() {
  chown postgres "$pgroot"
  su postgres -s /bin/sh -c "'$pgbin/initdb' -D '$pgroot/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgroot/data' -l '$pgroot/log' -w -o \"-p $pgport -k '$pgroot' -c listen_addresses=127.0.0.1 -c max_connections=300 ${pg_options:-}\" start" >/dev/null \
    || { cat "$pgroot/log" >&2; echo "PostgreSQL did not start" >&2; exit 1; }
}
