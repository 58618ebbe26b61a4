-- 0027 (issue 18, appraisal): the KPI templates per role (a version per save) and the appraisals of a person and a
-- period with their scores, steps and appeal (Appraisal/AppraisalRecords.cs).
CREATE TABLE "appraisal_templates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_appraisal_templates" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Items" TEXT NOT NULL,
    "SavedById" TEXT NULL,
    "SavedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_appraisal_templates_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_appraisal_templates_VenueId_Role_Version" ON "appraisal_templates" ("VenueId", "Role", "Version");

CREATE TABLE "appraisals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_appraisals" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "PeriodKind" TEXT NOT NULL,
    "TemplateVersion" INTEGER NOT NULL,
    "Items" TEXT NOT NULL,
    "SelfScores" TEXT NULL,
    "SelfComment" TEXT NOT NULL,
    "SupervisorScores" TEXT NULL,
    "SupervisorComment" TEXT NOT NULL,
    "AppealScores" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Total" INTEGER NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SelfAt" INTEGER NULL,
    "SupervisorId" TEXT NULL,
    "SupervisorAt" INTEGER NULL,
    "ReviewedById" TEXT NULL,
    "ReviewedAt" INTEGER NULL,
    "PublishedById" TEXT NULL,
    "PublishedAt" INTEGER NULL,
    "AppealedAt" INTEGER NULL,
    "AppealReason" TEXT NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "AppealUpheld" INTEGER NULL,
    "DecisionComment" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_appraisals_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_appraisals_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_appraisals_StaffId_Period" ON "appraisals" ("StaffId", "Period");
CREATE INDEX "IX_appraisals_VenueId_Period" ON "appraisals" ("VenueId", "Period");
