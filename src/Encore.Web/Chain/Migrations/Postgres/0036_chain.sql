-- 0036 (issue 21, the chain): a venue's code (what its staff type at the login) and region; badges unique within a venue
-- instead of across the installation; the venues each regional manager oversees; staff moved between venues.
ALTER TABLE venues ADD COLUMN "Code" character varying(32) NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN "Region" character varying(50) NOT NULL DEFAULT '';
-- The installation's first venue is "main"; any other (none before this migration, but for tests' extra venues) a code from its id.
UPDATE venues SET "Code" = CASE WHEN "Id" = (SELECT "Id" FROM venues ORDER BY "CreatedAt", "Id" LIMIT 1) THEN 'main'
    ELSE 'v' || left(replace("Id"::text, '-', ''), 12) END;
ALTER TABLE venues ALTER COLUMN "Code" DROP DEFAULT;
CREATE UNIQUE INDEX "UX_venues_Code" ON venues ("Code");

DROP INDEX "UserNameIndex";
CREATE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE UNIQUE INDEX "UX_AspNetUsers_VenueId_NormalizedUserName" ON "AspNetUsers" ("VenueId", "NormalizedUserName");

CREATE TABLE chain_access (
    "StaffId" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "GrantedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_chain_access" PRIMARY KEY ("StaffId", "VenueId"),
    CONSTRAINT "FK_chain_access_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chain_access_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_chain_access_VenueId" ON chain_access ("VenueId");

CREATE TABLE staff_moves (
    "Id" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "FromVenueId" uuid NOT NULL,
    "ToVenueId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ById" uuid NULL,
    "Note" character varying(200) NOT NULL,
    CONSTRAINT "PK_staff_moves" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_staff_moves_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_staff_moves_venues_FromVenueId" FOREIGN KEY ("FromVenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_staff_moves_venues_ToVenueId" FOREIGN KEY ("ToVenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_staff_moves_StaffId" ON staff_moves ("StaffId");
