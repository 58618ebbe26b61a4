#!/usr/bin/env bash
# Mutation testing of src/Encore.Domain with Stryker.NET (version pinned in .config/dotnet-tools.json).
# Usage: mutation/run-domain.sh [extra stryker options, e.g. --break-at 90]
# Reports: mutation/results/domain/reports/mutation-report.{html,json}
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/tests/Encore.Domain.Tests"   # Stryker runs from the test project (the root holds Encore.slnx, which would mean solution mode)

out="$root/mutation/results/domain"
dotnet tool restore >/dev/null

rm -rf "$out"
start=$(date +%s)
status=0
dotnet tool run dotnet-stryker \
  --config-file ../../mutation/stryker-domain.json \
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
print("Encore.Domain mutation score: %.2f%%  (killed %d, timeout %d, survived %d, no coverage %d, "
      "compile error %d, ignored %d; %d s)" % (score, counts["Killed"], counts["Timeout"], counts["Survived"],
      counts["NoCoverage"], counts["CompileError"], counts["Ignored"], elapsed))
PY
exit "$status"
