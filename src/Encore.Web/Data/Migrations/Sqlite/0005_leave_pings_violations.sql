-- 0005: leave requests, pings (查岗) and the violation catalogue; violations gain shares, appeals and evidence.

CREATE TABLE "violation_types" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_violation_types" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "FineMin" INTEGER NOT NULL,
    "FineMax" INTEGER NULL,
    "TipBased" INTEGER NOT NULL,
    "MayDismiss" INTEGER NOT NULL,
    "Active" INTEGER NOT NULL
);

CREATE TABLE "leave_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_leave_requests" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "From" INTEGER NOT NULL,
    "To" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "DecisionNote" TEXT NOT NULL,
    "BackAt" INTEGER NULL,
    "Settled" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_leave_requests_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "pings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_pings" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "SentById" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "AnsweredAt" INTEGER NULL,
    "Message" TEXT NOT NULL,
    "OffPost" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_pings_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_leave_requests_StaffId" ON "leave_requests" ("StaffId");

CREATE INDEX "IX_leave_requests_VenueId_BusinessDay" ON "leave_requests" ("VenueId", "BusinessDay");

CREATE INDEX "IX_pings_OffPost_DueAt" ON "pings" ("OffPost", "DueAt");

CREATE INDEX "IX_pings_StaffId_AnsweredAt" ON "pings" ("StaffId", "AnsweredAt");

CREATE INDEX "IX_pings_VenueId_BusinessDay" ON "pings" ("VenueId", "BusinessDay");

CREATE UNIQUE INDEX "IX_violation_types_VenueId_Code" ON "violation_types" ("VenueId", "Code");

ALTER TABLE "violations" ADD "IncidentId" TEXT NOT NULL DEFAULT '';

ALTER TABLE "violations" ADD "ChargedAs" TEXT NOT NULL DEFAULT '';

ALTER TABLE "violations" ADD "IncidentFine" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "violations" ADD "Tip" INTEGER NULL;

ALTER TABLE "violations" ADD "Dismissal" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "violations" ADD "Reason" TEXT NOT NULL DEFAULT '';

ALTER TABLE "violations" ADD "PhotoPath" TEXT NULL;

ALTER TABLE "violations" ADD "AppealReason" TEXT NOT NULL DEFAULT '';

ALTER TABLE "violations" ADD "AppealedAt" INTEGER NULL;

ALTER TABLE "violations" ADD "DecidedById" TEXT NULL;

ALTER TABLE "violations" ADD "DecidedAt" INTEGER NULL;

ALTER TABLE "violations" ADD "Decision" TEXT NOT NULL DEFAULT '';

ALTER TABLE "violations" ADD "Version" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "IX_violations_IncidentId" ON "violations" ("IncidentId");

UPDATE "violations" SET "IncidentId" = "Id", "IncidentFine" = "Amount" WHERE "IncidentId" = '00000000-0000-0000-0000-000000000000';
