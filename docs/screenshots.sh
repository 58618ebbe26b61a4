#!/usr/bin/env bash
# Refreshes docs/screenshots: the browser tests with ENCORE_SCREENSHOTS=1 take them where each scenario reaches the
# screen shown (tests/Encore.Browser.Tests/Screenshots.cs). ./test.sh does not take them. Needs Chromium and the CJK
# font test.sh installs. Extra arguments go to dotnet test (e.g. --filter "FullyQualifiedName~PhoneLayoutTests").
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Encore.Browser.Tests -c Release -nologo -clp:ErrorsOnly
ENCORE_SCREENSHOTS=1 dotnet test tests/Encore.Browser.Tests -c Release --no-build --nologo "$@"
