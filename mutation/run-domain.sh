#!/usr/bin/env bash
# Stryker.NET on src/Encore.Domain with the domain tests (about 10 minutes). See mutation/stryker.sh.
exec "$(dirname "$0")/stryker.sh" domain "$@"
