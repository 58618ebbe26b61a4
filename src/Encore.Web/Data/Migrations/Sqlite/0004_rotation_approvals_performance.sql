-- 0004: attendance sign-in, the walk-in rotation and its history, the comps catalogue, approvals,
-- performance cards with their disputes, and per-person monthly targets; bills gain a room charge.

CREATE TABLE "catalogue_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_catalogue_items" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Price" INTEGER NOT NULL,
    "Active" INTEGER NOT NULL
);

CREATE TABLE "monthly_targets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_monthly_targets" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "Spend" INTEGER NULL,
    "Rooms" INTEGER NULL
);

CREATE TABLE "rotation_events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_rotation_events" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RoomNumber" TEXT NULL,
    "SessionId" TEXT NULL,
    "ActorId" TEXT NULL,
    "Queue" TEXT NOT NULL
);

CREATE TABLE "attendance_days" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_attendance_days" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "SignedInAt" INTEGER NULL,
    "Late" INTEGER NOT NULL,
    "SignedInById" TEXT NULL,
    "SignedOutAt" INTEGER NULL,
    "CalledInAt" INTEGER NULL,
    "CallInReason" TEXT NOT NULL,
    "NoPay" INTEGER NOT NULL,
    "BookingSuspended" INTEGER NOT NULL,
    "PerformanceCancelled" INTEGER NOT NULL,
    "Absent" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    CONSTRAINT "FK_attendance_days_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "performance_cards" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_performance_cards" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "SignedAt" INTEGER NOT NULL,
    "SignedSpend" INTEGER NOT NULL,
    "SignedRooms" INTEGER NOT NULL,
    CONSTRAINT "FK_performance_cards_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "rotation_entries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_rotation_entries" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Busy" INTEGER NOT NULL,
    "Left" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_rotation_entries_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "approvals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_approvals" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "RequestedById" TEXT NOT NULL,
    "ExpectedSpend" INTEGER NOT NULL,
    "Discount" INTEGER NOT NULL,
    "Comps" TEXT NOT NULL,
    "CompsValue" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "DecisionNote" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_approvals_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "room_sessions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "card_disputes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_card_disputes" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "Decision" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_card_disputes_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "room_sessions" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_approvals_SessionId" ON "approvals" ("SessionId");

CREATE INDEX "IX_approvals_VenueId_Status" ON "approvals" ("VenueId", "Status");

CREATE UNIQUE INDEX "IX_attendance_days_StaffId_BusinessDay" ON "attendance_days" ("StaffId", "BusinessDay");

CREATE INDEX "IX_attendance_days_VenueId_BusinessDay" ON "attendance_days" ("VenueId", "BusinessDay");

CREATE INDEX "IX_card_disputes_SessionId" ON "card_disputes" ("SessionId");

CREATE INDEX "IX_card_disputes_VenueId_Status" ON "card_disputes" ("VenueId", "Status");

CREATE UNIQUE INDEX "IX_catalogue_items_VenueId_Name" ON "catalogue_items" ("VenueId", "Name");

CREATE UNIQUE INDEX "IX_monthly_targets_StaffId_Month" ON "monthly_targets" ("StaffId", "Month");

CREATE UNIQUE INDEX "IX_performance_cards_StaffId_BusinessDay" ON "performance_cards" ("StaffId", "BusinessDay");

CREATE INDEX "IX_performance_cards_VenueId_BusinessDay" ON "performance_cards" ("VenueId", "BusinessDay");

CREATE INDEX "IX_rotation_entries_StaffId" ON "rotation_entries" ("StaffId");

CREATE UNIQUE INDEX "IX_rotation_entries_VenueId_BusinessDay_StaffId" ON "rotation_entries" ("VenueId", "BusinessDay", "StaffId");

CREATE INDEX "IX_rotation_events_VenueId_BusinessDay_At" ON "rotation_events" ("VenueId", "BusinessDay", "At");

ALTER TABLE "rooms" ADD "StateNote" TEXT NOT NULL DEFAULT '';

ALTER TABLE "room_sessions" ADD "RoomCharge" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "room_sessions" ADD "ApprovalId" TEXT NULL;

CREATE TRIGGER rotation_events_no_change BEFORE UPDATE ON rotation_events
BEGIN SELECT RAISE(ABORT, 'rotation_events is append-only'); END;

CREATE TRIGGER rotation_events_no_delete BEFORE DELETE ON rotation_events
BEGIN SELECT RAISE(ABORT, 'rotation_events is append-only'); END;
