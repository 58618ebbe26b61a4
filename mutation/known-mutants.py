#!/usr/bin/env python3
"""
The hand-made mutants of issue 10: realistic one-line bugs that once survived the suite. Each is applied to a
throw-away copy of the working tree, built, and run against the tests that should catch it; a mutant that
no test fails is a SURVIVOR and this script exits non-zero.

    python3 mutation/known-mutants.py            # all, on SQLite (about 10 minutes on 2 cores)
    python3 mutation/known-mutants.py hold-from-arrival

Not part of ./test.sh (it builds once per mutant); run it after changing the rules it names.
"""
import os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, file, the line as it is, the line as the bug would write it, the tests that must catch it
MUTANTS = [
    ("return-visit-owner-inverted", "src/Encore.Web/Customers/ReturnVisitsApi.cs",
     "phone = r.ownerId == user.StaffId() ? r.phone : CustomerRules.Mask(r.phone),",
     "phone = r.ownerId != user.StaffId() ? r.phone : CustomerRules.Mask(r.phone),",
     "web", "FullyQualifiedName~ReturnVisitTests"),
    ("fine-offender-share-rounded", "src/Encore.Domain/FineSchedule.cs",
     "new Share(Party.Offender, rules.OffenderShare, fine - floor - head),",
     "new Share(Party.Offender, rules.OffenderShare, decimal.Round(fine * rules.OffenderShare, 2)),",
     "domain", "FullyQualifiedName~Encore.Domain.Tests"),
    ("assign-without-free-check", "src/Encore.Web/Bookings/Assign.cs",
     "if (await Desk.RefuseIfTakenAsync(db, room) is { } refused) return refused;",
     "",
     "web", "FullyQualifiedName~RoomStateTests"),
    ("department-head-sees-own-department", "src/Encore.Web/Customers/CustomersApi.cs",
     "var sees = CustomerRules.SeesPhone(http.User, c);",
     "var sees = CustomerRules.SeesPhone(http.User, c) || (http.User.IsInRole(Roles.DepartmentHead) && await db.Users.AnyAsync(u => u.Id == c.OwnerId && u.Department == db.Users.Where(m => m.Id == http.User.StaffId()).Select(m => m.Department).Single()));",
     "web", "FullyQualifiedName~CustomerAuthorizationMatrixTests"),
    ("hold-from-arrival", "src/Encore.Web/Bookings/Assign.cs",
     "var holdUntil = HoldPolicy.HoldUntil(booking.Arrival, at.Now, at.Rules);",
     "var holdUntil = HoldPolicy.HoldUntil(booking.Arrival, booking.Arrival, at.Rules);",
     "web", "FullyQualifiedName~HoldWindowTests|FullyQualifiedName~HouseRulesInEffectTests"),
    # The backup as it was before issue 10: no busy handler on the backup step, and no second attempt.
    ("backup-as-it-was", "src/Encore.Web/Data/Backup.cs",
     ['pragma.CommandText = "PRAGMA busy_timeout=30000;";', "private const int Busy = 5, Locked = 6, Attempts = 5;"],
     ['pragma.CommandText = "PRAGMA busy_timeout=0;";', "private const int Busy = 5, Locked = 6, Attempts = 1;"],
     "web", "FullyQualifiedName~BackupTests"),
    ("sqlite-claims-may-overlap-on-insert", "src/Encore.Web/Data/Migrations/Sqlite/0007_room_claims_no_overlap.sql",
     "BEFORE INSERT ON room_claims\nWHEN EXISTS (",
     "BEFORE INSERT ON room_claims\nWHEN 0 AND EXISTS (",
     "web", "FullyQualifiedName~NoDoubleBookingTests"),
    ("sqlite-claims-may-overlap-on-update", "src/Encore.Web/Data/Migrations/Sqlite/0007_room_claims_no_overlap.sql",
     'BEFORE UPDATE OF "RoomId", "From", "ReleasedAt" ON room_claims\nWHEN EXISTS (',
     'BEFORE UPDATE OF "RoomId", "From", "ReleasedAt" ON room_claims\nWHEN 0 AND EXISTS (',
     "web", "FullyQualifiedName~NoDoubleBookingTests"),
    # The target upsert as it was: read, then insert, with no transaction and no retry (two edits at once → 500).
    ("target-upsert-as-it-was", "src/Encore.Web/Performance/PerformanceApi.cs",
     ["db.ChangeTracker.Clear();\n                await using var tx = await db.BeginWriteAsync();\n                target =",
      "target.Rooms = input.Rooms;\n                await db.SaveChangesAsync();\n                await tx.CommitAsync();",
      "catch (DbUpdateException e) when (e.IsConflict() && attempt < 3) { }"],
     ["db.ChangeTracker.Clear();\n                target =",
      "target.Rooms = input.Rooms;\n                await db.SaveChangesAsync();",
      "catch (DbUpdateException e) when (e.IsConflict() && attempt < 1) { }"],
     "web", "FullyQualifiedName~DoubleSubmitTests"),
    # The ping answered while the sweeper marks it off-post: the answer must still be recorded.
    ("ping-answer-gives-up-on-conflict", "src/Encore.Web/Discipline/LeaveAndPingsApi.cs",
     "if (attempt == 3) return Problems.Rule(409, \"ping.changed\");",
     "if (attempt >= 1) return Problems.Rule(409, \"ping.changed\");",
     "web", "FullyQualifiedName~PingRaceTests"),
    # The answer timed when the request began: after losing to the sweep it would say "in time" beside the fine.
    ("ping-answer-timed-at-request-start", "src/Encore.Web/Discipline/LeaveAndPingsApi.cs",
     "ping.AnsweredAt = clock.GetUtcNow();",
     "ping.AnsweredAt = at.Now;",
     "web", "FullyQualifiedName~PingRaceTests"),
]

PROJECTS = {"web": "tests/Encore.Web.Tests", "domain": "tests/Encore.Domain.Tests"}


def copy_tree(target):
    """The working tree as it is (committed or not), without build output; node_modules hard-linked."""
    def ignore(folder, names):
        return {n for n in names if n in ("bin", "obj", "TestResults", ".git", "node_modules", "results", "data")}
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    modules = os.path.join(ROOT, "src/Encore.Web/node_modules")
    if os.path.isdir(modules):
        subprocess.run(["cp", "-al", modules, os.path.join(target, "src/Encore.Web/node_modules")], check=True)


def run(name, path, original, mutated, suite, tests):
    parent = tempfile.mkdtemp(prefix=f"encore-mutant-{name}-")
    work = os.path.join(parent, "repo")
    try:
        copy_tree(work)
        file = os.path.join(work, path)
        text = open(file, encoding="utf-8").read()
        originals = original if isinstance(original, list) else [original]
        mutations = mutated if isinstance(mutated, list) else [mutated]
        for before, after in zip(originals, mutations):
            if text.count(before) != 1:
                return "STALE (the text is no longer there exactly once: update the mutant)"
            text = text.replace(before, after)
        open(file, "w", encoding="utf-8").write(text)
        build = subprocess.run(["dotnet", "build", PROJECTS[suite], "-c", "Release", "-nologo", "-clp:ErrorsOnly"],
                               cwd=work, capture_output=True, text=True)
        if build.returncode != 0:
            return "DOES NOT BUILD:\n" + build.stdout[-2000:]
        test = subprocess.run(["dotnet", "test", PROJECTS[suite], "-c", "Release", "--no-build", "--nologo",
                               "--filter", tests], cwd=work, capture_output=True, text=True)
        out = test.stdout
        if test.returncode != 0 and "Failed!" in out:
            failed = [l.strip() for l in out.splitlines() if l.strip().startswith("Failed ") and "[" in l]
            return "KILLED by " + "; ".join(failed[:3])
        if "Passed!" in out:
            return "SURVIVED"
        return "NO RESULT:\n" + out[-2000:]
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def main():
    chosen = [m for m in MUTANTS if len(sys.argv) < 2 or m[0] in sys.argv[1:]]
    survivors = 0
    for m in chosen:
        began = time.time()
        verdict = run(*m)
        survivors += not verdict.startswith("KILLED")
        print(f"{m[0]:40} {verdict}  ({time.time() - began:.0f} s)", flush=True)
    print(f"{len(chosen) - survivors} killed, {survivors} not killed, of {len(chosen)}")
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
