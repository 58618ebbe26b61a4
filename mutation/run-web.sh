#!/usr/bin/env bash
# Mutation testing of the web rules (CustomerRules, Desk, Assign, Transfer, Close, Fines) of src/Encore.Web with Stryker.NET (version pinned in .config/dotnet-tools.json).
# Usage: mutation/run-web.sh [extra stryker options, e.g. --break-at 80, or -m '**/Rooms/Close.cs' for one file]
# Only the test classes that drive these rules run (test-case-filter in stryker-web.json); perTest coverage.
# Reports: mutation/results/web/reports/mutation-report.{html,json}
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/tests/Encore.Web.Tests"   # Stryker runs from the test project (the root holds Encore.slnx, which would mean solution mode)

out="$root/mutation/results/web"
dotnet tool restore >/dev/null

rm -rf "$out"
start=$(date +%s)
status=0
dotnet tool run dotnet-stryker \
  --config-file ../../mutation/stryker-web.json \
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
python3 - "$report" "$elapsed" <<'PY'
import json, sys, collections
report, elapsed = sys.argv[1], int(sys.argv[2])
data = json.load(open(report))
counts = collections.Counter(m["status"] for f in data["files"].values() for m in f["mutants"])
detected = counts["Killed"] + counts["Timeout"]
valid = detected + counts["Survived"] + counts["NoCoverage"]
score = 100.0 * detected / valid if valid else 0.0
print()
print("Encore.Web rules mutation score: %.2f%%  (killed %d, timeout %d, survived %d, no coverage %d, "
      "compile error %d, ignored %d; %d s)" % (score, counts["Killed"], counts["Timeout"], counts["Survived"],
      counts["NoCoverage"], counts["CompileError"], counts["Ignored"], elapsed))
for path, f in sorted(data["files"].items()):
    c = collections.Counter(m["status"] for m in f["mutants"])
    d = c["Killed"] + c["Timeout"]
    v = d + c["Survived"] + c["NoCoverage"]
    if not v: continue   # a file outside the mutate patterns: all its mutants are Ignored
    print("  %-40s %6.2f%%  (killed %d, timeout %d, survived %d, no coverage %d)" % (
        path.split("src/Encore.Web/")[-1], 100.0 * d / v if v else 0.0, c["Killed"], c["Timeout"], c["Survived"], c["NoCoverage"]))
for path, f in sorted(data["files"].items()):
    for m in f["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            print("  %-10s %s:%d  %s: %s" % (m["status"], path.split("src/Encore.Web/")[-1], m["location"]["start"]["line"],
                  m["mutatorName"], (m.get("replacement") or "").replace("\n", " ")[:100]))
PY
exit "$status"
