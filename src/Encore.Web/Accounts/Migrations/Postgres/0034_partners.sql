-- 0034 (issue 20, partners): the hotels, travel agencies and drivers that bring guests for a commission (Accounts/Partner.cs),
-- and the partner a booking names as having brought its guest, with the commission rate in force when it was made.
CREATE TABLE partners (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "CommissionRate" numeric(14,2) NULL,
    "ContactName" character varying(50) NOT NULL,
    "Phone" character varying(40) NOT NULL,
    "Note" character varying(500) NOT NULL,
    "Active" boolean NOT NULL,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_partners" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_partners_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_partners_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_partners_CreatedById" ON partners ("CreatedById");
CREATE INDEX "IX_partners_VenueId_Name" ON partners ("VenueId", "Name");

ALTER TABLE bookings ADD "PartnerId" uuid NULL;
ALTER TABLE bookings ADD CONSTRAINT "FK_bookings_partners_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES partners ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_bookings_PartnerId" ON bookings ("PartnerId");
ALTER TABLE bookings ADD "PartnerRate" numeric(14,2) NULL;
