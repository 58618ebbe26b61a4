-- 0003: bookings with their history, room claims (one holder per room, decided by the database),
-- room sessions, violations raised by the system, and remembered idempotent requests.

CREATE TABLE "idempotent_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_idempotent_requests" PRIMARY KEY,
    "ActorId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "ContentType" TEXT NULL,
    "Body" TEXT NULL,
    "Location" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "violations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_violations" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "RaisedById" TEXT NULL,
    "BookingId" TEXT NULL,
    "Evidence" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    CONSTRAINT "FK_violations_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "bookings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_bookings" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "CustomerId" TEXT NULL,
    "CustomerName" TEXT NOT NULL,
    "CustomerPhone" TEXT NOT NULL,
    "Arrival" INTEGER NOT NULL,
    "PartySize" INTEGER NOT NULL,
    "RoomType" TEXT NULL,
    "Note" TEXT NOT NULL,
    "BookerId" TEXT NOT NULL,
    "BookerDepartment" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ConfirmationCode" TEXT NOT NULL,
    "RoomId" TEXT NULL,
    "AssignedAt" INTEGER NULL,
    "HoldUntil" INTEGER NULL,
    "ArrivedAt" INTEGER NULL,
    "CancelledAt" INTEGER NULL,
    "CancelReason" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_bookings_AspNetUsers_BookerId" FOREIGN KEY ("BookerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "booking_events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_booking_events" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BookingId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NULL,
    "ActorBadge" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RoomNumber" TEXT NULL,
    "Detail" TEXT NOT NULL,
    CONSTRAINT "FK_booking_events_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES "bookings" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "room_claims" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_room_claims" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    "BookingId" TEXT NULL,
    "SessionId" TEXT NULL,
    "From" INTEGER NOT NULL,
    "ReleasedAt" INTEGER NULL,
    CONSTRAINT "FK_room_claims_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES "bookings" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_claims_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "room_sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_room_sessions" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    "BookingId" TEXT NULL,
    "WalkIn" INTEGER NOT NULL,
    "PartySize" INTEGER NOT NULL,
    "CreditedToId" TEXT NULL,
    "BusinessDay" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "OpenedById" TEXT NOT NULL,
    "ClosedAt" INTEGER NULL,
    "ClosedById" TEXT NULL,
    "Spend" INTEGER NOT NULL,
    "Discount" INTEGER NOT NULL,
    "CompsValue" INTEGER NOT NULL,
    "Comps" TEXT NOT NULL,
    CONSTRAINT "FK_room_sessions_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES "bookings" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_sessions_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_booking_events_BookingId_At" ON "booking_events" ("BookingId", "At");

CREATE INDEX "IX_bookings_BookerId" ON "bookings" ("BookerId");

CREATE INDEX "IX_bookings_CustomerId" ON "bookings" ("CustomerId");

CREATE INDEX "IX_bookings_RoomId" ON "bookings" ("RoomId");

CREATE INDEX "IX_bookings_Status_HoldUntil" ON "bookings" ("Status", "HoldUntil");

CREATE INDEX "IX_bookings_VenueId_BusinessDay" ON "bookings" ("VenueId", "BusinessDay");

CREATE UNIQUE INDEX "IX_bookings_VenueId_ConfirmationCode" ON "bookings" ("VenueId", "ConfirmationCode");

CREATE UNIQUE INDEX "IX_idempotent_requests_ActorId_Key" ON "idempotent_requests" ("ActorId", "Key");

CREATE INDEX "IX_idempotent_requests_CreatedAt" ON "idempotent_requests" ("CreatedAt");

CREATE UNIQUE INDEX "UX_room_claims_active_booking" ON "room_claims" ("BookingId") WHERE "ReleasedAt" IS NULL;

CREATE UNIQUE INDEX "UX_room_claims_active_room" ON "room_claims" ("RoomId") WHERE "ReleasedAt" IS NULL;

CREATE INDEX "IX_room_sessions_BookingId" ON "room_sessions" ("BookingId");

CREATE INDEX "IX_room_sessions_RoomId" ON "room_sessions" ("RoomId");

CREATE INDEX "IX_room_sessions_VenueId_BusinessDay" ON "room_sessions" ("VenueId", "BusinessDay");

CREATE INDEX "IX_violations_StaffId" ON "violations" ("StaffId");

CREATE INDEX "IX_violations_VenueId_BusinessDay" ON "violations" ("VenueId", "BusinessDay");

ALTER TABLE "rooms" ADD "StateSince" INTEGER NULL;

ALTER TABLE "rooms" ADD "Version" INTEGER NOT NULL DEFAULT 0;

-- A booking is never deleted and its history is never rewritten.
CREATE TRIGGER bookings_no_delete BEFORE DELETE ON bookings
BEGIN SELECT RAISE(ABORT, 'bookings are never deleted'); END;

CREATE TRIGGER booking_events_no_update BEFORE UPDATE ON booking_events
BEGIN SELECT RAISE(ABORT, 'booking_events is append-only'); END;

CREATE TRIGGER booking_events_no_delete BEFORE DELETE ON booking_events
BEGIN SELECT RAISE(ABORT, 'booking_events is append-only'); END;
