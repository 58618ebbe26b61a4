#!/usr/bin/env bash
# Runs the race tests (32 simultaneous assigns, one booking onto many rooms, simultaneous walk-ins, double
# submits, the backup under writes) N times in a row on SQLite and on PostgreSQL while two busy loops keep both
# cores loaded, and stops at the first failure. A losing request that answers 500 fails the test that saw it
# (the server's error log is checked after every test: tests/Encore.Web.Tests/ServerTest.cs).
#
#   bench/race-loop.sh 20        # 20 rounds (default 10); needs what ./test.sh installs
#
# Outside ./test.sh on purpose: it takes 15–40 minutes. Results: bench/results/race-loop-*.log
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds=${1:-10}
filter='FullyQualifiedName~NoDoubleBookingTests|FullyQualifiedName~SimultaneousWalkInTests|FullyQualifiedName~IdempotencyTests|FullyQualifiedName~BackupTests|FullyQualifiedName~DoubleSubmit'
mkdir -p bench/results
log="bench/results/race-loop-$(date +%Y%m%d-%H%M%S).log"

initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -x "$initdb" ] || { echo "race-loop: PostgreSQL's initdb is missing (run ./test.sh once)" >&2; exit 1; }
pgbin=$(dirname "$initdb")
# shellcheck source=../tests/postgres.sh
source "$root/tests/postgres.sh"
load=()
cleanup() { kill "${load[@]}" 2>/dev/null || true; stop_postgres; }
trap cleanup EXIT
start_postgres

dotnet build tests/Encore.Web.Tests -c Release -nologo -clp:ErrorsOnly
for _ in 1 2; do (while :; do :; done) & load+=($!); done

for round in $(seq 1 "$rounds"); do
  for db in sqlite postgres; do
    started=$SECONDS
    if [ "$db" = postgres ]; then export ENCORE_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Password=postgres"; else unset ENCORE_TEST_POSTGRES; fi
    if ! dotnet test tests/Encore.Web.Tests -c Release --no-build --nologo --filter "$filter" >>"$log" 2>&1; then
      echo "round $round on $db: FAILED after $((SECONDS - started)) s (see $log)"; exit 1
    fi
    echo "round $round on $db: passed in $((SECONDS - started)) s" | tee -a "$log"
  done
done
echo "$rounds rounds passed on SQLite and PostgreSQL under load" | tee -a "$log"
