#!/bin/bash
# The frameworks' floor at start (issue 15): two probe apps published as Encore is (ReadyToRun, the workstation
# concurrent collector), each started STARTS times (default 5) on the file its first start created; prints VmRSS at the
# first 200 from /health, in MB of 10^6 bytes as the bench does. `hello` is an empty app; `stack` loads what Encore's
# start loads from the frameworks (EF Core SQLite with an Identity context, Identity, cookies, Razor Pages, SignalR,
# OpenAPI, data protection, antiforgery, static assets, 50 minimal API routes) and none of Encore's code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/encore-floor.XXXXXX)
trap 'rm -rf "$work"' EXIT
port=5470
for v in hello stack; do
  dotnet publish "$here/$v" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/$v" -nologo -v q >/dev/null
  figures=()
  for i in $(seq 0 "${STARTS:-5}"); do   # start 0 creates the file and is not counted
    (cd "$work/$v" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$port DB="$work/$v.db" \
      KEYS_DIR="$work/keys-$v" exec "./$v" >"$work/$v.log" 2>&1) &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
      kill -0 $pid 2>/dev/null || { echo "$v exited; its log:"; cat "$work/$v.log"; exit 1; }
      sleep 0.01
    done
    kb=$(awk '/^VmRSS:/{print $2}' /proc/$pid/status)
    kill $pid; wait $pid 2>/dev/null || true
    [ "$i" -gt 0 ] && figures+=("$(awk -v k="$kb" 'BEGIN{printf "%.1f", k*1024/1e6}')")
  done
  echo "$v: VmRSS at the first /health, MB: ${figures[*]}"
done
