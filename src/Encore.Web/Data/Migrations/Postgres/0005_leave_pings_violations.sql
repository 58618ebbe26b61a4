-- 0005: leave requests, pings (查岗) and the violation catalogue; violations gain shares, appeals and evidence.

CREATE TABLE violation_types (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Code" character varying(32) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "FineMin" numeric(14,2) NOT NULL,
    "FineMax" numeric(14,2),
    "TipBased" boolean NOT NULL,
    "MayDismiss" boolean NOT NULL,
    "Active" boolean NOT NULL,
    CONSTRAINT "PK_violation_types" PRIMARY KEY ("Id")
);

CREATE TABLE leave_requests (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "From" timestamp with time zone NOT NULL,
    "To" timestamp with time zone NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "DecidedById" uuid,
    "DecidedAt" timestamp with time zone,
    "DecisionNote" character varying(500) NOT NULL,
    "BackAt" timestamp with time zone,
    "Settled" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_leave_requests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_leave_requests_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE pings (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "SentById" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "AnsweredAt" timestamp with time zone,
    "Message" character varying(200) NOT NULL,
    "OffPost" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_pings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_pings_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_leave_requests_StaffId" ON leave_requests ("StaffId");

CREATE INDEX "IX_leave_requests_VenueId_BusinessDay" ON leave_requests ("VenueId", "BusinessDay");

CREATE INDEX "IX_pings_OffPost_DueAt" ON pings ("OffPost", "DueAt");

CREATE INDEX "IX_pings_StaffId_AnsweredAt" ON pings ("StaffId", "AnsweredAt");

CREATE INDEX "IX_pings_VenueId_BusinessDay" ON pings ("VenueId", "BusinessDay");

CREATE UNIQUE INDEX "IX_violation_types_VenueId_Code" ON violation_types ("VenueId", "Code");

ALTER TABLE violations ADD "IncidentId" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'::uuid;

ALTER TABLE violations ADD "ChargedAs" character varying(32) NOT NULL DEFAULT '';

ALTER TABLE violations ADD "IncidentFine" numeric(14,2) NOT NULL DEFAULT 0;

ALTER TABLE violations ADD "Tip" numeric(14,2);

ALTER TABLE violations ADD "Dismissal" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE violations ADD "Reason" character varying(500) NOT NULL DEFAULT '';

ALTER TABLE violations ADD "PhotoPath" character varying(200);

ALTER TABLE violations ADD "AppealReason" character varying(1000) NOT NULL DEFAULT '';

ALTER TABLE violations ADD "AppealedAt" timestamp with time zone;

ALTER TABLE violations ADD "DecidedById" uuid;

ALTER TABLE violations ADD "DecidedAt" timestamp with time zone;

ALTER TABLE violations ADD "Decision" character varying(1000) NOT NULL DEFAULT '';

ALTER TABLE violations ADD "Version" integer NOT NULL DEFAULT 0;

CREATE INDEX "IX_violations_IncidentId" ON violations ("IncidentId");

UPDATE violations SET "IncidentId" = "Id", "IncidentFine" = "Amount" WHERE "IncidentId" = '00000000-0000-0000-0000-000000000000'::uuid;
