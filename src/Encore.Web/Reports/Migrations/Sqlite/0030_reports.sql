-- 0030 (issue 19, reports): the GM's monthly budget, the frozen daily reports and their amendments (Reports/ReportRecords.cs).
CREATE TABLE "report_budgets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_report_budgets" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "Spend" INTEGER NOT NULL,
    "Rooms" INTEGER NOT NULL,
    "Guests" INTEGER NOT NULL,
    "SetById" TEXT NOT NULL,
    "SetAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_report_budgets_AspNetUsers_SetById" FOREIGN KEY ("SetById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_report_budgets_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_report_budgets_VenueId_Month" ON "report_budgets" ("VenueId", "Month");
CREATE INDEX "IX_report_budgets_SetById" ON "report_budgets" ("SetById");

CREATE TABLE "report_snapshots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_report_snapshots" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "Figures" TEXT NOT NULL,
    "FrozenAt" INTEGER NOT NULL,
    "CheckedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_report_snapshots_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_report_snapshots_VenueId_BusinessDay" ON "report_snapshots" ("VenueId", "BusinessDay");

CREATE TABLE "report_amendments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_report_amendments" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "Figure" TEXT NOT NULL,
    "Before" INTEGER NOT NULL,
    "After" INTEGER NOT NULL,
    "ChangedAt" INTEGER NOT NULL,
    "FoundAt" INTEGER NOT NULL,
    "Who" TEXT NOT NULL,
    "Why" TEXT NOT NULL,
    CONSTRAINT "FK_report_amendments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_report_amendments_VenueId_BusinessDay" ON "report_amendments" ("VenueId", "BusinessDay");
