-- 0010 (issue 13, the GM's screens): the venue's departments, a list the GM keeps (Staff/Department.cs).
-- A member of staff's department was free text; it is now one of these names (staff keep the name as text).
CREATE TABLE departments (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Name" character varying(50) NOT NULL,
    "RetiredAt" timestamp with time zone NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_departments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_departments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_departments_VenueId_Name" ON departments ("VenueId", "Name");

-- Every department already written on a member of staff becomes one of the venue's departments, so nobody's
-- department is lost and edits keep working.
INSERT INTO departments ("Id", "VenueId", "Name", "RetiredAt", "CreatedAt")
SELECT gen_random_uuid(), "VenueId", "Department", NULL, now()
FROM (SELECT DISTINCT "VenueId", "Department" FROM "AspNetUsers" WHERE "Department" <> '') d;
