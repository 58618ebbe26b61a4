-- 0020 (issue 16, complaints): complaints with their three time limits, the staff they name, the actions taken,
-- the venue's working calendar (holidays and make-up working days), and the complaint a fine was proposed from.
CREATE TABLE "complaints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_complaints" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Severity" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "RoomId" TEXT NULL,
    "SessionId" TEXT NULL,
    "CustomerId" TEXT NULL,
    "GuestName" TEXT NOT NULL,
    "GuestPhone" TEXT NOT NULL,
    "ManagerId" TEXT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "AcknowledgeBy" INTEGER NOT NULL,
    "SolutionBy" INTEGER NOT NULL,
    "FinalBy" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "AcknowledgedAt" INTEGER NULL,
    "AcknowledgedById" TEXT NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedById" TEXT NULL,
    "Resolution" TEXT NOT NULL,
    "Satisfaction" INTEGER NULL,
    "Escalation" TEXT NOT NULL,
    "EscalatedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_complaints_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "room_sessions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_complaints_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaints_VenueId_Status" ON "complaints" ("VenueId", "Status");
CREATE INDEX "IX_complaints_VenueId_BusinessDay" ON "complaints" ("VenueId", "BusinessDay");
CREATE INDEX "IX_complaints_CustomerId" ON "complaints" ("CustomerId");
CREATE INDEX "IX_complaints_SessionId" ON "complaints" ("SessionId");
CREATE INDEX "IX_complaints_RoomId" ON "complaints" ("RoomId");

CREATE TABLE "complaint_staff" (
    "ComplaintId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    CONSTRAINT "PK_complaint_staff" PRIMARY KEY ("ComplaintId", "StaffId"),
    CONSTRAINT "FK_complaint_staff_complaints_ComplaintId" FOREIGN KEY ("ComplaintId") REFERENCES "complaints" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaint_staff_StaffId" ON "complaint_staff" ("StaffId");

CREATE TABLE "complaint_actions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_complaint_actions" PRIMARY KEY,
    "ComplaintId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Value" INTEGER NULL,
    "ApprovalId" TEXT NULL,
    "ById" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_complaint_actions_complaints_ComplaintId" FOREIGN KEY ("ComplaintId") REFERENCES "complaints" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_complaint_actions_ComplaintId" ON "complaint_actions" ("ComplaintId");

CREATE TABLE "calendar_days" (
    "VenueId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Working" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "PK_calendar_days" PRIMARY KEY ("VenueId", "Day")
);

ALTER TABLE "violations" ADD COLUMN "ComplaintId" TEXT NULL;
CREATE INDEX "IX_violations_ComplaintId" ON "violations" ("ComplaintId");
