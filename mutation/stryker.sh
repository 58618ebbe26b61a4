#!/usr/bin/env bash
# Mutation testing with Stryker.NET (version pinned in .config/dotnet-tools.json), one target at a time:
#   mutation/stryker.sh domain [stryker options]   src/Encore.Domain with the domain tests (mutation/run-domain.sh)
#   mutation/stryker.sh web [stryker options]      the web rules (CustomerRules, Desk, Assign, Transfer, Close, Fines) with
#                                                  the web test classes that drive them (test-case-filter in stryker-web.json)
# Options pass on, e.g. --break-at 90, or -m '**/Rooms/Close.cs' for one file.
# Reports: mutation/results/<target>/reports/mutation-report.{html,json}; the score, per file, and every survivor are printed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=${1:?"name the target: domain or web"}; shift
case "$target" in
  domain) tests=Encore.Domain.Tests ;;
  web) tests=Encore.Web.Tests ;;
  *) echo "unknown target $target (domain or web)" >&2; exit 2 ;;
esac
cd "$root/tests/$tests"   # Stryker runs from the test project (the root holds Encore.slnx, which would mean solution mode)

out="$root/mutation/results/$target"
dotnet tool restore >/dev/null

rm -rf "$out"
start=$(date +%s)
status=0
dotnet tool run dotnet-stryker \
  --config-file "../../mutation/stryker-$target.json" \
  --output "$out" \
  --skip-version-check \
  "$@" || status=$?
elapsed=$(( $(date +%s) - start ))

report="$out/reports/mutation-report.json"
if [[ ! -f "$report" ]]; then
  echo "No JSON report at $report (stryker exit code $status)." >&2
  exit "${status:-1}"
fi

# Stryker's score: detected (killed + timeout) over valid mutants (detected + survived + no coverage).
python3 - "$report" "$elapsed" "$target" <<'PY'
import json, sys, collections
report, elapsed, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = json.load(open(report))
counts = collections.Counter(m["status"] for f in data["files"].values() for m in f["mutants"])
detected = counts["Killed"] + counts["Timeout"]
valid = detected + counts["Survived"] + counts["NoCoverage"]
score = 100.0 * detected / valid if valid else 0.0
print()
print("%s mutation score: %.2f%%  (killed %d, timeout %d, survived %d, no coverage %d, "
      "compile error %d, ignored %d; %d s)" % (target, score, counts["Killed"], counts["Timeout"], counts["Survived"],
      counts["NoCoverage"], counts["CompileError"], counts["Ignored"], elapsed))
for path, f in sorted(data["files"].items()):
    c = collections.Counter(m["status"] for m in f["mutants"])
    d = c["Killed"] + c["Timeout"]
    v = d + c["Survived"] + c["NoCoverage"]
    if not v: continue   # a file outside the mutate patterns: all its mutants are Ignored
    print("  %-40s %6.2f%%  (killed %d, timeout %d, survived %d, no coverage %d)" % (
        path.split("/src/")[-1], 100.0 * d / v if v else 0.0, c["Killed"], c["Timeout"], c["Survived"], c["NoCoverage"]))
for path, f in sorted(data["files"].items()):
    for m in f["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            print("  %-10s %s:%d  %s: %s" % (m["status"], path.split("/src/")[-1], m["location"]["start"]["line"],
                  m["mutatorName"], (m.get("replacement") or "").replace("\n", " ")[:100]))
PY
exit "$status"
