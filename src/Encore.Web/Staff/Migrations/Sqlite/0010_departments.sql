-- 0010 (issue 13, the GM's screens): the venue's departments, a list the GM keeps (Staff/Department.cs).
-- A member of staff's department was free text; it is now one of these names (staff keep the name as text).
CREATE TABLE "departments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_departments" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "RetiredAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_departments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_departments_VenueId_Name" ON "departments" ("VenueId", "Name");

-- Every department already written on a member of staff becomes one of the venue's departments, so nobody's
-- department is lost and edits keep working. Ids are random (version 4) in the upper-case text EF writes for a Guid.
INSERT INTO "departments" ("Id", "VenueId", "Name", "RetiredAt", "CreatedAt")
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       "VenueId", "Department", NULL, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM (SELECT DISTINCT "VenueId", "Department" FROM "AspNetUsers" WHERE "Department" <> '');
