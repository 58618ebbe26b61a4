-- 0033 (issue 20, charged bills): a booking made for a corporate account, the account a closed bill was charged to (挂账),
-- and the payments the cashier records against an account (Accounts/AccountPayment.cs).
ALTER TABLE bookings ADD "AccountId" uuid NULL;
ALTER TABLE bookings ADD CONSTRAINT "FK_bookings_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_bookings_AccountId" ON bookings ("AccountId");
ALTER TABLE room_sessions ADD "ChargedAccountId" uuid NULL;
ALTER TABLE room_sessions ADD CONSTRAINT "FK_room_sessions_accounts_ChargedAccountId" FOREIGN KEY ("ChargedAccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_room_sessions_ChargedAccountId" ON room_sessions ("ChargedAccountId");

CREATE TABLE account_payments (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "Amount" numeric(14,2) NOT NULL,
    "PaidOn" date NOT NULL,
    "Method" character varying(20) NOT NULL,
    "Note" character varying(200) NOT NULL,
    "RecordedById" uuid NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_account_payments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_account_payments_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_payments_AspNetUsers_RecordedById" FOREIGN KEY ("RecordedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_payments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_payments_AccountId_PaidOn" ON account_payments ("AccountId", "PaidOn");
CREATE INDEX "IX_account_payments_RecordedById" ON account_payments ("RecordedById");
CREATE INDEX "IX_account_payments_VenueId" ON account_payments ("VenueId");
