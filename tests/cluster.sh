#!/usr/bin/env bash
# Issue 21's proof, one command: PostgreSQL primary and streaming replica, Redis, three Encore instances and nginx on
# loopback ports, then the checks (tests/Encore.Cluster/Proof.cs); exits non-zero when one fails. test.sh runs it.
#   tests/cluster.sh              build, then prove
#   tests/cluster.sh --no-build   prove with the Release build already there (test.sh builds once)
#   tests/cluster.sh --bench      the 1-vs-3-instance figures instead (README "Benchmarks"); --clients=N screens (1500)
# ENCORE_CLUSTER_KEEP=1 keeps the run's folder (/tmp/encore-cluster.*: every process's log, both databases).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
ls /usr/lib/postgresql/*/bin/pg_basebackup >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then echo "cluster.sh: ${missing[*]} must be installed, and only root can install them" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Debian's packages would start their own nginx and redis-server services: only this run's are wanted.
  policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$policy" -eq 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
for tool in redis-server nginx; do command -v "$tool" >/dev/null || { echo "cluster.sh: $tool is still missing" >&2; exit 1; }; done
args=()
build=1
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done
if [ "$build" -eq 1 ]; then dotnet build Encore.slnx -c Release -nologo -clp:ErrorsOnly; fi
exec dotnet tests/Encore.Cluster/bin/Release/net10.0/Encore.Cluster.dll "$(pwd)" "${args[@]}"
