-- 0027 (issue 18, appraisal): the KPI templates per role (a version per save) and the appraisals of a person and a
-- period with their scores, steps and appeal (Appraisal/AppraisalRecords.cs).
CREATE TABLE appraisal_templates (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    "Version" integer NOT NULL,
    "Items" character varying(8000) NOT NULL,
    "SavedById" uuid,
    "SavedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_appraisal_templates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_appraisal_templates_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_appraisal_templates_VenueId_Role_Version" ON appraisal_templates ("VenueId", "Role", "Version");

CREATE TABLE appraisals (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    "Period" character varying(8) NOT NULL,
    "PeriodKind" character varying(8) NOT NULL,
    "TemplateVersion" integer NOT NULL,
    "Items" character varying(16000) NOT NULL,
    "SelfScores" character varying(4000),
    "SelfComment" character varying(500) NOT NULL,
    "SupervisorScores" character varying(4000),
    "SupervisorComment" character varying(500) NOT NULL,
    "AppealScores" character varying(4000),
    "Status" character varying(16) NOT NULL,
    "Total" numeric(14,2),
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SelfAt" timestamp with time zone,
    "SupervisorId" uuid,
    "SupervisorAt" timestamp with time zone,
    "ReviewedById" uuid,
    "ReviewedAt" timestamp with time zone,
    "PublishedById" uuid,
    "PublishedAt" timestamp with time zone,
    "AppealedAt" timestamp with time zone,
    "AppealReason" character varying(500) NOT NULL,
    "DecidedById" uuid,
    "DecidedAt" timestamp with time zone,
    "AppealUpheld" boolean,
    "DecisionComment" character varying(500) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_appraisals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_appraisals_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_appraisals_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_appraisals_StaffId_Period" ON appraisals ("StaffId", "Period");
CREATE INDEX "IX_appraisals_VenueId_Period" ON appraisals ("VenueId", "Period");
