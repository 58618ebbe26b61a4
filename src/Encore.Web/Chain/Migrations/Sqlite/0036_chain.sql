-- 0036 (issue 21, the chain): a venue's code (what its staff type at the login) and region; badges unique within a venue
-- instead of across the installation; the venues each regional manager oversees; staff moved between venues.
ALTER TABLE "venues" ADD "Code" TEXT NOT NULL DEFAULT '';
ALTER TABLE "venues" ADD "Region" TEXT NOT NULL DEFAULT '';
-- The installation's first venue is "main"; any other (none before this migration, but for tests' extra venues) a code from its id.
UPDATE "venues" SET "Code" = CASE WHEN "Id" = (SELECT "Id" FROM "venues" ORDER BY "CreatedAt", "Id" LIMIT 1) THEN 'main'
    ELSE 'v' || lower(substr(replace("Id", '-', ''), 1, 12)) END;
CREATE UNIQUE INDEX "UX_venues_Code" ON "venues" ("Code");

DROP INDEX "UserNameIndex";
CREATE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE UNIQUE INDEX "UX_AspNetUsers_VenueId_NormalizedUserName" ON "AspNetUsers" ("VenueId", "NormalizedUserName");

CREATE TABLE "chain_access" (
    "StaffId" TEXT NOT NULL,
    "VenueId" TEXT NOT NULL,
    "GrantedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_chain_access" PRIMARY KEY ("StaffId", "VenueId"),
    CONSTRAINT "FK_chain_access_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chain_access_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_chain_access_VenueId" ON "chain_access" ("VenueId");

CREATE TABLE "staff_moves" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_staff_moves" PRIMARY KEY,
    "StaffId" TEXT NOT NULL,
    "FromVenueId" TEXT NOT NULL,
    "ToVenueId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ById" TEXT NULL,
    "Note" TEXT NOT NULL,
    CONSTRAINT "FK_staff_moves_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_staff_moves_venues_FromVenueId" FOREIGN KEY ("FromVenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_staff_moves_venues_ToVenueId" FOREIGN KEY ("ToVenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_staff_moves_StaffId" ON "staff_moves" ("StaffId");
