-- 0004: attendance sign-in, the walk-in rotation and its history, the comps catalogue, approvals,
-- performance cards with their disputes, and per-person monthly targets; bills gain a room charge.

CREATE TABLE catalogue_items (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Name" character varying(50) NOT NULL,
    "Category" character varying(50) NOT NULL,
    "Price" numeric(14,2) NOT NULL,
    "Active" boolean NOT NULL,
    CONSTRAINT "PK_catalogue_items" PRIMARY KEY ("Id")
);

CREATE TABLE monthly_targets (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Month" character varying(7) NOT NULL,
    "Spend" numeric(14,2),
    "Rooms" integer,
    CONSTRAINT "PK_monthly_targets" PRIMARY KEY ("Id")
);

CREATE TABLE rotation_events (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "StaffId" uuid NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "RoomNumber" character varying(16),
    "SessionId" uuid,
    "ActorId" uuid,
    "Queue" character varying(2000) NOT NULL,
    CONSTRAINT "PK_rotation_events" PRIMARY KEY ("Id")
);

CREATE TABLE attendance_days (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "SignedInAt" timestamp with time zone,
    "Late" boolean NOT NULL,
    "SignedInById" uuid,
    "SignedOutAt" timestamp with time zone,
    "CalledInAt" timestamp with time zone,
    "CallInReason" character varying(200) NOT NULL,
    "NoPay" boolean NOT NULL,
    "BookingSuspended" boolean NOT NULL,
    "PerformanceCancelled" boolean NOT NULL,
    "Absent" boolean NOT NULL,
    "Note" character varying(500) NOT NULL,
    CONSTRAINT "PK_attendance_days" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_attendance_days_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE performance_cards (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "SignedAt" timestamp with time zone NOT NULL,
    "SignedSpend" numeric(14,2) NOT NULL,
    "SignedRooms" integer NOT NULL,
    CONSTRAINT "PK_performance_cards" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_performance_cards_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE rotation_entries (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "StaffId" uuid NOT NULL,
    "Position" bigint NOT NULL,
    "Busy" boolean NOT NULL,
    "Left" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_rotation_entries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_rotation_entries_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE approvals (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "RoomId" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "RequestedById" uuid NOT NULL,
    "ExpectedSpend" numeric(14,2) NOT NULL,
    "Discount" numeric(14,2) NOT NULL,
    "Comps" character varying(4000) NOT NULL,
    "CompsValue" numeric(14,2) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "DecidedById" uuid,
    "DecidedAt" timestamp with time zone,
    "DecisionNote" character varying(500) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_approvals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_approvals_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES room_sessions ("Id") ON DELETE RESTRICT
);

CREATE TABLE card_disputes (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "SessionId" uuid NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "DecidedById" uuid,
    "DecidedAt" timestamp with time zone,
    "Decision" character varying(500) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_card_disputes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_card_disputes_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES room_sessions ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_approvals_SessionId" ON approvals ("SessionId");

CREATE INDEX "IX_approvals_VenueId_Status" ON approvals ("VenueId", "Status");

CREATE UNIQUE INDEX "IX_attendance_days_StaffId_BusinessDay" ON attendance_days ("StaffId", "BusinessDay");

CREATE INDEX "IX_attendance_days_VenueId_BusinessDay" ON attendance_days ("VenueId", "BusinessDay");

CREATE INDEX "IX_card_disputes_SessionId" ON card_disputes ("SessionId");

CREATE INDEX "IX_card_disputes_VenueId_Status" ON card_disputes ("VenueId", "Status");

CREATE UNIQUE INDEX "IX_catalogue_items_VenueId_Name" ON catalogue_items ("VenueId", "Name");

CREATE UNIQUE INDEX "IX_monthly_targets_StaffId_Month" ON monthly_targets ("StaffId", "Month");

CREATE UNIQUE INDEX "IX_performance_cards_StaffId_BusinessDay" ON performance_cards ("StaffId", "BusinessDay");

CREATE INDEX "IX_performance_cards_VenueId_BusinessDay" ON performance_cards ("VenueId", "BusinessDay");

CREATE INDEX "IX_rotation_entries_StaffId" ON rotation_entries ("StaffId");

CREATE UNIQUE INDEX "IX_rotation_entries_VenueId_BusinessDay_StaffId" ON rotation_entries ("VenueId", "BusinessDay", "StaffId");

CREATE INDEX "IX_rotation_events_VenueId_BusinessDay_At" ON rotation_events ("VenueId", "BusinessDay", "At");

ALTER TABLE rooms ADD "StateNote" character varying(200) NOT NULL DEFAULT '';

ALTER TABLE room_sessions ADD "RoomCharge" numeric(14,2) NOT NULL DEFAULT 0;

ALTER TABLE room_sessions ADD "ApprovalId" uuid;

CREATE TRIGGER rotation_events_no_change BEFORE UPDATE OR DELETE ON rotation_events
    FOR EACH ROW EXECUTE FUNCTION encore_keep_history();
