-- 0009 (issue 12, items 2 and 4): phones named in system-written text are kept apart, and masking follows the
-- customer's current owner.
--
-- A failed arrival verification wrote both phones in full into the booking's history and the cheating fine's
-- evidence, which department heads and cashiers read. The text columns now hold them masked; the phones are kept
-- in parts beside them (JSON of Customers/PhoneText.cs) and each reader gets back in full only the phones they may see.
ALTER TABLE "booking_events" ADD "DetailPhones" TEXT NULL;
ALTER TABLE "violations" ADD "EvidencePhones" TEXT NULL;

-- Rows written before: every run of 10 or more digits in the history details and the evidence is masked as
-- CustomerRules.Mask masks a phone (the first 3 and the last 4 digits stay: 147****3857). Their parts were never
-- kept, so from now on nobody reads those old phones in full there — not even the owner, who has them on the
-- booking and the file. A phone typed with spaces or dashes in it is not recognised (no run of 10 digits); only
-- the desk's own input could be written so, and it was refused as a mismatch. SQLite has no regexp_replace: a
-- recursive scan rebuilds each text character by character; `run` counts the digits just before position i, and a
-- digit is masked when at least 3 of its run come before it, 4 after it, and the run is 10 digits or longer.
-- The masked texts are computed once into a temporary table, then written back.
CREATE TEMP TABLE encore_masked AS
WITH RECURSIVE scan(tbl, id, src, i, run, out) AS (
    SELECT 'booking_events', "Id", "Detail", 1, 0, '' FROM booking_events
    WHERE "Detail" GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'
    UNION ALL
    SELECT 'violations', "Id", "Evidence", 1, 0, '' FROM violations
    WHERE "Evidence" GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'
    UNION ALL
    SELECT tbl, id, src, i + 1,
           CASE WHEN substr(src, i, 1) GLOB '[0-9]' THEN run + 1 ELSE 0 END,
           out || CASE WHEN substr(src, i, 1) GLOB '[0-9]' AND run >= 3
                            AND substr(src, i + 1, 4) GLOB '[0-9][0-9][0-9][0-9]'
                            AND substr(src, i - run, 10) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
                       THEN '*' ELSE substr(src, i, 1) END
    FROM scan WHERE i <= length(src)
)
SELECT tbl, id, out FROM scan WHERE i = length(src) + 1;

-- The history is append-only (0003): this one rewrite lifts its trigger and puts it back.
DROP TRIGGER booking_events_no_update;
UPDATE booking_events SET "Detail" = (SELECT out FROM encore_masked m WHERE m.tbl = 'booking_events' AND m.id = booking_events."Id")
WHERE "Id" IN (SELECT id FROM encore_masked WHERE tbl = 'booking_events');
CREATE TRIGGER booking_events_no_update BEFORE UPDATE ON booking_events
BEGIN SELECT RAISE(ABORT, 'booking_events is append-only'); END;

UPDATE violations SET "Evidence" = (SELECT out FROM encore_masked m WHERE m.tbl = 'violations' AND m.id = violations."Id")
WHERE "Id" IN (SELECT id FROM encore_masked WHERE tbl = 'violations');
DROP TABLE encore_masked;

-- Item 4: a handover left the open return visits with the previous owner, who went on seeing the phone and logging
-- visits. Open ones follow the file to its current owner (the handover now moves them); done ones stay with who did them.
UPDATE return_visits SET "OwnerId" = (SELECT c."OwnerId" FROM customers c WHERE c."Id" = return_visits."CustomerId")
WHERE "DoneAt" IS NULL
  AND "OwnerId" <> (SELECT c."OwnerId" FROM customers c WHERE c."Id" = return_visits."CustomerId");
