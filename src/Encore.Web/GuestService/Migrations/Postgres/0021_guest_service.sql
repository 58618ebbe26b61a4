-- 0021 (issue 16, guest service): lost property, valuables, stored drinks (GuestService/GuestRecords.cs), and the
-- erasure of a customer's personal data at the guest's request (GuestService/CustomerErasure.cs).
CREATE TABLE lost_items (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "RoomId" uuid NOT NULL,
    "RoomNumber" character varying(16) NOT NULL,
    "Description" character varying(500) NOT NULL,
    "Storage" character varying(100) NOT NULL,
    "FoundById" uuid NOT NULL,
    "FoundAt" timestamp with time zone NOT NULL,
    "KeepUntil" date NOT NULL,
    "Status" character varying(16) NOT NULL,
    "ClaimantName" character varying(50) NOT NULL,
    "ClaimantPhone" character varying(20) NOT NULL,
    "Note" character varying(500) NOT NULL,
    "ClosedById" uuid,
    "ClosedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_lost_items" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_lost_items_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_lost_items_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_lost_items_VenueId_Status_FoundAt" ON lost_items ("VenueId", "Status", "FoundAt");
CREATE INDEX "IX_lost_items_RoomId" ON lost_items ("RoomId");

CREATE TABLE valuables (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "GuestName" character varying(50) NOT NULL,
    "GuestPhone" character varying(20) NOT NULL,
    "Description" character varying(500) NOT NULL,
    "RoomNumber" character varying(16),
    "ReceiptCode" character varying(16) NOT NULL,
    "TakenById" uuid NOT NULL,
    "TakenAt" timestamp with time zone NOT NULL,
    "ReturnedById" uuid,
    "ReturnedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_valuables" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_valuables_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_valuables_VenueId_ReturnedAt" ON valuables ("VenueId", "ReturnedAt");

-- A withdrawal never takes more than remains: the handler refuses it first, the check is the last word.
CREATE TABLE stored_drinks (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Item" character varying(100) NOT NULL,
    "Quantity" integer NOT NULL,
    "Remaining" integer NOT NULL,
    "StoredById" uuid NOT NULL,
    "StoredAt" timestamp with time zone NOT NULL,
    "ExpiresOn" date NOT NULL,
    "ReminderScheduledAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_stored_drinks" PRIMARY KEY ("Id"),
    CONSTRAINT "CK_stored_drinks_remaining" CHECK ("Remaining" >= 0 AND "Remaining" <= "Quantity"),
    CONSTRAINT "FK_stored_drinks_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_stored_drinks_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_stored_drinks_CustomerId" ON stored_drinks ("CustomerId");
CREATE INDEX "IX_stored_drinks_VenueId_ExpiresOn" ON stored_drinks ("VenueId", "ExpiresOn");

CREATE TABLE stored_drink_withdrawals (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StoredDrinkId" uuid NOT NULL,
    "Quantity" integer NOT NULL,
    "Remaining" integer NOT NULL,
    "ById" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_stored_drink_withdrawals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_stored_drink_withdrawals_stored_drinks_StoredDrinkId" FOREIGN KEY ("StoredDrinkId") REFERENCES stored_drinks ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_stored_drink_withdrawals_StoredDrinkId" ON stored_drink_withdrawals ("StoredDrinkId");

-- Erasure: when a file was erased. Its phone becomes a placeholder made from the file's id ("erased:" and the 32 hex
-- digits), which can never be a real phone nor another file's placeholder, so the unique phone index still holds;
-- the column grows from 20 to 40 characters for it.
ALTER TABLE customers ADD "ErasedAt" timestamp with time zone;
ALTER TABLE customers ALTER COLUMN "Phone" TYPE character varying(40);

-- A return visit's reason "storedDrinksExpiring" (20 characters) is longer than the 16 the reasons had.
ALTER TABLE return_visits ALTER COLUMN "Reason" TYPE character varying(32);
