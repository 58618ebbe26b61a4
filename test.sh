#!/usr/bin/env bash
# The one command that runs every Encore test, here and in CI (.ci/run calls it).
# It installs what the machine lacks from Debian's packages, builds once, and runs:
#   domain tests · web tests on SQLite · web tests on a throw-away PostgreSQL · browser tests (Chromium) ·
#   the cluster proof (several instances behind nginx, tests/cluster.sh).
# It fails loudly: a failed install, a failed or skipped test, or a suite that ran no test all exit non-zero.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
started=$SECONDS

stage() { printf '\n==> %s (%ss)\n' "$1" "$((SECONDS - started))"; }

# --- what the machine needs -------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The PDF reports embed wqy-microhei (src/Encore.Web/Reports/PdfFonts.cs looks for its file, not for any CJK font).
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
# The report tests read the PDFs back with poppler: pdftotext, pdffonts, pdftoppm.
command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
# Several instances (issue 21) share Redis: the PostgreSQL run's instance tests start a private redis-server.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The cluster proof (tests/cluster.sh) puts nginx in front of three instances.
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if ((${#missing[@]})); then
  stage "installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: ${missing[*]} must be installed, and only root can install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v chromium >/dev/null || { echo "test.sh: chromium is still missing" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "test.sh: poppler-utils (pdftotext) is still missing" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "test.sh: redis-server is still missing" >&2; exit 1; }
command -v nginx >/dev/null || { echo "test.sh: nginx is still missing" >&2; exit 1; }
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -x "$initdb" ] || { echo "test.sh: PostgreSQL's initdb is still missing" >&2; exit 1; }
pgbin=$(dirname "$initdb")

# --- build once ---------------------------------------------------------------------------------
stage "building"
dotnet build Encore.slnx -c Release -nologo -clp:ErrorsOnly

total_passed=0; total_failed=0; total_skipped=0; failures=0

# The test processes (and the Encore processes they start) skip dynamic PGO's instrumented tier: a test process runs
# most methods a few times, and the tier's extra compilations were work without a pay-off there. Three alternating
# pairs of runs of three web-test folders (120 tests, 2026-12-04, idle machine): 52.1–55.5 s and 78–87 s of processor
# time with it, 45.0–49.3 s and 68–74 s without. Encore in production and the bench keep the runtime's default.
export DOTNET_TieredPGO=0

# Runs one test project (and any further dotnet test arguments); adds its TRX counters to the totals; a run with no test
# counts as a failure.
run_suite() {
  local name=$1 project=$2
  shift 2
  stage "$name"
  local trx="$results/$name.trx"
  set +e
  dotnet test "$project" -c Release --no-build --nologo "$@" \
    --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal"
  local code=$?
  set -e
  if [ ! -f "$trx" ]; then
    echo "test.sh: $name wrote no results (exit $code)" >&2
    failures=$((failures + 1)); return
  fi
  local counters total passed failed skipped
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  skipped=$((total - passed - failed))
  echo "$name: $passed passed, $failed failed, $skipped not run"
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + skipped))
  if [ "$code" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$total" -eq 0 ]; then
    failures=$((failures + 1))
  fi
}

# --- a private PostgreSQL server for this run ---------------------------------------------------
# shellcheck source=tests/postgres.sh
source "$root/tests/postgres.sh"
trap stop_postgres EXIT

run_suite domain tests/Encore.Domain.Tests
run_suite web-sqlite tests/Encore.Web.Tests
# The throw-away server keeps nothing past the run and no test stops it mid-write (the crash tests kill Encore on SQLite;
# the cluster proof and the bench start their own servers with the defaults), so it does not wait for the disk: the
# stage took 325.6 s with these against 364.5 s without (one run each, idle machine, 2026-12-04).
pg_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
start_postgres
stage "PostgreSQL on 127.0.0.1:$pgport"
# Tests that run on a SQLite file whatever the run's database (TestDatabase.SqliteOnly: a started Encore process, SQLite's
# pool) ran in web-sqlite above; here they would only repeat themselves.
ENCORE_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Password=postgres" run_suite web-postgres tests/Encore.Web.Tests \
  --filter "Database!=SqliteOnly"
run_suite browser tests/Encore.Browser.Tests

# Issue 21: PostgreSQL primary + streaming replica, Redis, three instances and nginx, one of them killed (about 90 s).
stage "cluster proof"
if tests/cluster.sh --no-build; then
  echo "cluster: passed"
else
  echo "test.sh: the cluster proof failed (its output above says which check)" >&2
  failures=$((failures + 1))
fi

stage "done"
if [ "$total_skipped" -gt 0 ]; then
  echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
else
  echo "$total_passed passed, $total_failed failed"
fi
[ "$failures" -eq 0 ]
