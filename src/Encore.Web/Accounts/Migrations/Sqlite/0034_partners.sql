-- 0034 (issue 20, partners): the hotels, travel agencies and drivers that bring guests for a commission (Accounts/Partner.cs),
-- and the partner a booking names as having brought its guest, with the commission rate in force when it was made.
CREATE TABLE "partners" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_partners" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CommissionRate" INTEGER NULL,
    "ContactName" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_partners_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_partners_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_partners_CreatedById" ON "partners" ("CreatedById");
CREATE INDEX "IX_partners_VenueId_Name" ON "partners" ("VenueId", "Name");

ALTER TABLE "bookings" ADD "PartnerId" TEXT NULL REFERENCES "partners" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_bookings_PartnerId" ON "bookings" ("PartnerId");
ALTER TABLE "bookings" ADD "PartnerRate" INTEGER NULL;
