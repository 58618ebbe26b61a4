-- 0003: bookings with their history, room claims (one holder per room, decided by the database),
-- room sessions, violations raised by the system, and remembered idempotent requests.

CREATE TABLE idempotent_requests (
    "Id" uuid NOT NULL,
    "ActorId" uuid NOT NULL,
    "Key" character varying(100) NOT NULL,
    "Fingerprint" character varying(100) NOT NULL,
    "StatusCode" integer NOT NULL,
    "ContentType" character varying(100),
    "Body" text,
    "Location" character varying(200),
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_idempotent_requests" PRIMARY KEY ("Id")
);

CREATE TABLE violations (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Amount" numeric(14,2) NOT NULL,
    "BusinessDay" date NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "RaisedById" uuid,
    "BookingId" uuid,
    "Evidence" character varying(2000) NOT NULL,
    "Status" character varying(16) NOT NULL,
    CONSTRAINT "PK_violations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_violations_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE bookings (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "CustomerId" uuid,
    "CustomerName" character varying(50) NOT NULL,
    "CustomerPhone" character varying(20) NOT NULL,
    "Arrival" timestamp with time zone NOT NULL,
    "PartySize" integer NOT NULL,
    "RoomType" character varying(32),
    "Note" character varying(500) NOT NULL,
    "BookerId" uuid NOT NULL,
    "BookerDepartment" character varying(50) NOT NULL,
    "CreatedById" uuid NOT NULL,
    "Status" character varying(32) NOT NULL,
    "ConfirmationCode" character varying(12) NOT NULL,
    "RoomId" uuid,
    "AssignedAt" timestamp with time zone,
    "HoldUntil" timestamp with time zone,
    "ArrivedAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancelReason" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_bookings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_bookings_AspNetUsers_BookerId" FOREIGN KEY ("BookerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bookings_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);

CREATE TABLE booking_events (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BookingId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" uuid,
    "ActorBadge" character varying(64) NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "RoomNumber" character varying(16),
    "Detail" character varying(1000) NOT NULL,
    CONSTRAINT "PK_booking_events" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_booking_events_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES bookings ("Id") ON DELETE RESTRICT
);

CREATE TABLE room_claims (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "RoomId" uuid NOT NULL,
    "BookingId" uuid,
    "SessionId" uuid,
    "From" timestamp with time zone NOT NULL,
    "ReleasedAt" timestamp with time zone,
    CONSTRAINT "PK_room_claims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_room_claims_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES bookings ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_claims_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT
);

CREATE TABLE room_sessions (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "RoomId" uuid NOT NULL,
    "BookingId" uuid,
    "WalkIn" boolean NOT NULL,
    "PartySize" integer NOT NULL,
    "CreditedToId" uuid,
    "BusinessDay" date NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "OpenedById" uuid NOT NULL,
    "ClosedAt" timestamp with time zone,
    "ClosedById" uuid,
    "Spend" numeric(14,2) NOT NULL,
    "Discount" numeric(14,2) NOT NULL,
    "CompsValue" numeric(14,2) NOT NULL,
    "Comps" character varying(4000) NOT NULL,
    CONSTRAINT "PK_room_sessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_room_sessions_bookings_BookingId" FOREIGN KEY ("BookingId") REFERENCES bookings ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_sessions_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_booking_events_BookingId_At" ON booking_events ("BookingId", "At");

CREATE INDEX "IX_bookings_BookerId" ON bookings ("BookerId");

CREATE INDEX "IX_bookings_CustomerId" ON bookings ("CustomerId");

CREATE INDEX "IX_bookings_RoomId" ON bookings ("RoomId");

CREATE INDEX "IX_bookings_Status_HoldUntil" ON bookings ("Status", "HoldUntil");

CREATE INDEX "IX_bookings_VenueId_BusinessDay" ON bookings ("VenueId", "BusinessDay");

CREATE UNIQUE INDEX "IX_bookings_VenueId_ConfirmationCode" ON bookings ("VenueId", "ConfirmationCode");

CREATE UNIQUE INDEX "IX_idempotent_requests_ActorId_Key" ON idempotent_requests ("ActorId", "Key");

CREATE INDEX "IX_idempotent_requests_CreatedAt" ON idempotent_requests ("CreatedAt");

CREATE UNIQUE INDEX "UX_room_claims_active_booking" ON room_claims ("BookingId") WHERE "ReleasedAt" IS NULL;

CREATE UNIQUE INDEX "UX_room_claims_active_room" ON room_claims ("RoomId") WHERE "ReleasedAt" IS NULL;

CREATE INDEX "IX_room_sessions_BookingId" ON room_sessions ("BookingId");

CREATE INDEX "IX_room_sessions_RoomId" ON room_sessions ("RoomId");

CREATE INDEX "IX_room_sessions_VenueId_BusinessDay" ON room_sessions ("VenueId", "BusinessDay");

CREATE INDEX "IX_violations_StaffId" ON violations ("StaffId");

CREATE INDEX "IX_violations_VenueId_BusinessDay" ON violations ("VenueId", "BusinessDay");

ALTER TABLE rooms ADD "StateSince" timestamp with time zone;

ALTER TABLE rooms ADD "Version" integer NOT NULL DEFAULT 0;

-- Two claims on one room can never cover the same instant, whatever the application does: an unreleased
-- claim runs to infinity. Needs btree_gist for the uuid equality inside a GiST index (a trusted extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE room_claims ADD CONSTRAINT "EX_room_claims_no_overlap" EXCLUDE USING gist (
    "RoomId" WITH =,
    tstzrange("From", COALESCE("ReleasedAt", 'infinity'::timestamptz), '[)') WITH &&
);

-- A booking is never deleted and its history is never rewritten.
CREATE FUNCTION encore_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER bookings_no_delete BEFORE DELETE ON bookings
    FOR EACH ROW EXECUTE FUNCTION encore_keep_history();

CREATE TRIGGER booking_events_no_change BEFORE UPDATE OR DELETE ON booking_events
    FOR EACH ROW EXECUTE FUNCTION encore_keep_history();
