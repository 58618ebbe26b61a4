#!/usr/bin/env python3
"""Login timing probe (issue 12, item 7): how long a wrong password takes on a real badge and on an unknown one.

    dotnet build src/Encore.Web -c Release
    python3 bench/login-timing.py src/Encore.Web/bin/Release/net10.0/Encore.Web.dll [rounds]

Starts Encore on a fresh demo SQLite database in a temporary folder (port 5391), with the login throttle's thresholds
raised so no attempt is delayed (the settings of both the old lockout and the new delays are given: each version
ignores the other's), then sends `rounds` pairs of attempts (a real badge with a wrong password, an unknown badge),
interleaved so both meet the same machine load, and prints the median, p10 and p90 in milliseconds. No test
asserts on timing; this script measures it for the report.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

PORT = 5391
BASE = f"http://127.0.0.1:{PORT}"
REAL = [f"m{i:02d}" for i in range(1, 13)]


def post_login(badge, password):
    body = json.dumps({"badge": badge, "password": password}).encode()
    request = urllib.request.Request(BASE + "/api/auth/login", data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as e:
        status = e.code
        e.read()
    return status, (time.perf_counter() - started) * 1000


def wait_for_health(process, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"Encore exited with {process.returncode}")
        try:
            with urllib.request.urlopen(BASE + "/health") as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("Encore did not answer /health")


def figures(samples):
    ordered = sorted(samples)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return f"median {statistics.median(samples):6.1f} ms  p10 {p(0.1):6.1f}  p90 {p(0.9):6.1f}  (n={len(samples)})"


def main():
    dll = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    work = tempfile.mkdtemp(prefix="encore-login-timing.")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", DOTNET_gcServer="0")
    args = ["dotnet", dll, "--urls", BASE, "--Encore:Db", os.path.join(work, "encore.db"), "--Encore:Demo", "1",
            "--Encore:AdminPassword", "Timing-admin-1",
            # New: progressive delays. Old: Identity lockout and the per-client window.
            "--Encore:Login:AccountFailuresBeforeDelay", "1000000", "--Encore:Login:AddressFailuresBeforeDelay", "1000000",
            "--Encore:Login:MaxFailuresPerAccount", "1000000", "--Encore:Login:MaxFailuresPerClient", "1000000"]
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    try:
        wait_for_health(process)
        for i in range(20):  # warm-up: JIT, connection pool, the dummy hash
            post_login(REAL[i % len(REAL)], "warm-up-1")
            post_login(f"nobody{i}", "warm-up-1")
        real, unknown, statuses = [], [], set()
        for i in range(rounds):
            s1, t1 = post_login(REAL[i % len(REAL)], f"wrong-{i}")
            s2, t2 = post_login(f"ghost{i:05d}", f"wrong-{i}")
            statuses.update([s1, s2])
            real.append(t1)
            unknown.append(t2)
        print(f"{dll}")
        print(f"  real badge, wrong password: {figures(real)}")
        print(f"  unknown badge:              {figures(unknown)}")
        print(f"  statuses seen: {sorted(statuses)}")
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
