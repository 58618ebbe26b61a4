-- 0021 (issue 16, guest service): lost property, valuables, stored drinks (GuestService/GuestRecords.cs), and the
-- erasure of a customer's personal data at the guest's request (GuestService/CustomerErasure.cs).
CREATE TABLE "lost_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_lost_items" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    "RoomNumber" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Storage" TEXT NOT NULL,
    "FoundById" TEXT NOT NULL,
    "FoundAt" INTEGER NOT NULL,
    "KeepUntil" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ClaimantName" TEXT NOT NULL,
    "ClaimantPhone" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "ClosedById" TEXT NULL,
    "ClosedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_lost_items_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_lost_items_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_lost_items_VenueId_Status_FoundAt" ON "lost_items" ("VenueId", "Status", "FoundAt");
CREATE INDEX "IX_lost_items_RoomId" ON "lost_items" ("RoomId");

CREATE TABLE "valuables" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_valuables" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "GuestName" TEXT NOT NULL,
    "GuestPhone" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "RoomNumber" TEXT NULL,
    "ReceiptCode" TEXT NOT NULL,
    "TakenById" TEXT NOT NULL,
    "TakenAt" INTEGER NOT NULL,
    "ReturnedById" TEXT NULL,
    "ReturnedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_valuables_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_valuables_VenueId_ReturnedAt" ON "valuables" ("VenueId", "ReturnedAt");

-- A withdrawal never takes more than remains: the handler refuses it first, the check is the last word.
CREATE TABLE "stored_drinks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_stored_drinks" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Item" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Remaining" INTEGER NOT NULL,
    "StoredById" TEXT NOT NULL,
    "StoredAt" INTEGER NOT NULL,
    "ExpiresOn" TEXT NOT NULL,
    "ReminderScheduledAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "CK_stored_drinks_remaining" CHECK ("Remaining" >= 0 AND "Remaining" <= "Quantity"),
    CONSTRAINT "FK_stored_drinks_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_stored_drinks_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_stored_drinks_CustomerId" ON "stored_drinks" ("CustomerId");
CREATE INDEX "IX_stored_drinks_VenueId_ExpiresOn" ON "stored_drinks" ("VenueId", "ExpiresOn");

CREATE TABLE "stored_drink_withdrawals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_stored_drink_withdrawals" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StoredDrinkId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Remaining" INTEGER NOT NULL,
    "ById" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_stored_drink_withdrawals_stored_drinks_StoredDrinkId" FOREIGN KEY ("StoredDrinkId") REFERENCES "stored_drinks" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_stored_drink_withdrawals_StoredDrinkId" ON "stored_drink_withdrawals" ("StoredDrinkId");

-- Erasure: when a file was erased. Its phone becomes a placeholder made from the file's id ("erased:" and the 32 hex
-- digits), which can never be a real phone nor another file's placeholder, so the unique phone index still holds.
-- SQLite keeps text of any length: the wider phone (40) and return-visit reason (32) of the model need no change here.
ALTER TABLE "customers" ADD "ErasedAt" INTEGER NULL;
