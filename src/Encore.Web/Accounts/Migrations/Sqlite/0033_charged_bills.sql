-- 0033 (issue 20, charged bills): a booking made for a corporate account, the account a closed bill was charged to (挂账),
-- and the payments the cashier records against an account (Accounts/AccountPayment.cs).
ALTER TABLE "bookings" ADD "AccountId" TEXT NULL REFERENCES "accounts" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_bookings_AccountId" ON "bookings" ("AccountId");
ALTER TABLE "room_sessions" ADD "ChargedAccountId" TEXT NULL REFERENCES "accounts" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_room_sessions_ChargedAccountId" ON "room_sessions" ("ChargedAccountId");

CREATE TABLE "account_payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_account_payments" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "PaidOn" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "RecordedById" TEXT NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_account_payments_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_payments_AspNetUsers_RecordedById" FOREIGN KEY ("RecordedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_payments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_payments_AccountId_PaidOn" ON "account_payments" ("AccountId", "PaidOn");
CREATE INDEX "IX_account_payments_RecordedById" ON "account_payments" ("RecordedById");
CREATE INDEX "IX_account_payments_VenueId" ON "account_payments" ("VenueId");
