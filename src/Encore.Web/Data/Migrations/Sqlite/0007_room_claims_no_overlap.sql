-- What PostgreSQL's exclusion constraint EX_room_claims_no_overlap does (0003), for SQLite: two claims on one room
-- can never cover the same instant, whatever the application does. A claim covers [From, ReleasedAt); an
-- unreleased claim runs on for ever. RAISE(ABORT) answers SQLITE_CONSTRAINT, which the app reports as a conflict.
CREATE INDEX "IX_room_claims_RoomId_From" ON "room_claims" ("RoomId", "From");

CREATE TRIGGER room_claims_no_overlap_insert BEFORE INSERT ON room_claims
WHEN EXISTS (
    SELECT 1 FROM room_claims c
    WHERE c."RoomId" = NEW."RoomId"
      AND c."From" < COALESCE(NEW."ReleasedAt", 9223372036854775807)
      AND NEW."From" < COALESCE(c."ReleasedAt", 9223372036854775807))
BEGIN SELECT RAISE(ABORT, 'EX_room_claims_no_overlap: two claims on one room overlap'); END;

CREATE TRIGGER room_claims_no_overlap_update BEFORE UPDATE OF "RoomId", "From", "ReleasedAt" ON room_claims
WHEN EXISTS (
    SELECT 1 FROM room_claims c
    WHERE c."Id" <> NEW."Id" AND c."RoomId" = NEW."RoomId"
      AND c."From" < COALESCE(NEW."ReleasedAt", 9223372036854775807)
      AND NEW."From" < COALESCE(c."ReleasedAt", 9223372036854775807))
BEGIN SELECT RAISE(ABORT, 'EX_room_claims_no_overlap: two claims on one room overlap'); END;
