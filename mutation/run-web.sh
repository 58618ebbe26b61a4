#!/usr/bin/env bash
# Stryker.NET on the web rules with the web tests that drive them (about an hour). See mutation/stryker.sh.
exec "$(dirname "$0")/stryker.sh" web "$@"
