-- 0020 (issue 16, complaints): complaints with their three time limits, the staff they name, the actions taken,
-- the venue's working calendar (holidays and make-up working days), and the complaint a fine was proposed from.
CREATE TABLE complaints (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Category" character varying(32) NOT NULL,
    "Severity" character varying(32) NOT NULL,
    "Source" character varying(32) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "RoomId" uuid,
    "SessionId" uuid,
    "CustomerId" uuid,
    "GuestName" character varying(50) NOT NULL,
    "GuestPhone" character varying(20) NOT NULL,
    "ManagerId" uuid,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "BusinessDay" date NOT NULL,
    "AcknowledgeBy" timestamp with time zone NOT NULL,
    "SolutionBy" timestamp with time zone NOT NULL,
    "FinalBy" timestamp with time zone NOT NULL,
    "Status" character varying(32) NOT NULL,
    "AcknowledgedAt" timestamp with time zone,
    "AcknowledgedById" uuid,
    "ResolvedAt" timestamp with time zone,
    "ResolvedById" uuid,
    "Resolution" character varying(2000) NOT NULL,
    "Satisfaction" integer,
    "Escalation" character varying(32) NOT NULL,
    "EscalatedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_complaints" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_complaints_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES room_sessions ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaints_VenueId_Status" ON complaints ("VenueId", "Status");
CREATE INDEX "IX_complaints_VenueId_BusinessDay" ON complaints ("VenueId", "BusinessDay");
CREATE INDEX "IX_complaints_CustomerId" ON complaints ("CustomerId");
CREATE INDEX "IX_complaints_SessionId" ON complaints ("SessionId");
CREATE INDEX "IX_complaints_RoomId" ON complaints ("RoomId");

CREATE TABLE complaint_staff (
    "ComplaintId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    CONSTRAINT "PK_complaint_staff" PRIMARY KEY ("ComplaintId", "StaffId"),
    CONSTRAINT "FK_complaint_staff_complaints_ComplaintId" FOREIGN KEY ("ComplaintId") REFERENCES complaints ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaint_staff_StaffId" ON complaint_staff ("StaffId");

CREATE TABLE complaint_actions (
    "Id" uuid NOT NULL,
    "ComplaintId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Note" character varying(1000) NOT NULL,
    "Value" numeric(14,2),
    "ApprovalId" uuid,
    "ById" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_complaint_actions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_complaint_actions_complaints_ComplaintId" FOREIGN KEY ("ComplaintId") REFERENCES complaints ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaint_actions_ComplaintId" ON complaint_actions ("ComplaintId");

CREATE TABLE calendar_days (
    "VenueId" uuid NOT NULL,
    "Day" date NOT NULL,
    "Working" boolean NOT NULL,
    "Name" character varying(50) NOT NULL,
    CONSTRAINT "PK_calendar_days" PRIMARY KEY ("VenueId", "Day")
);

ALTER TABLE violations ADD COLUMN "ComplaintId" uuid;
CREATE INDEX "IX_violations_ComplaintId" ON violations ("ComplaintId");
