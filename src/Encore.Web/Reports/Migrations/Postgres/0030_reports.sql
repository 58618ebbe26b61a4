-- 0030 (issue 19, reports): the GM's monthly budget, the frozen daily reports and their amendments (Reports/ReportRecords.cs).
CREATE TABLE report_budgets (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Month" character varying(7) NOT NULL,
    "Spend" numeric(14,2) NOT NULL,
    "Rooms" integer NOT NULL,
    "Guests" integer NOT NULL,
    "SetById" uuid NOT NULL,
    "SetAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_report_budgets" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_report_budgets_AspNetUsers_SetById" FOREIGN KEY ("SetById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_report_budgets_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_report_budgets_VenueId_Month" ON report_budgets ("VenueId", "Month");
CREATE INDEX "IX_report_budgets_SetById" ON report_budgets ("SetById");

CREATE TABLE report_snapshots (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "Figures" text NOT NULL,
    "FrozenAt" timestamp with time zone NOT NULL,
    "CheckedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_report_snapshots" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_report_snapshots_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_report_snapshots_VenueId_BusinessDay" ON report_snapshots ("VenueId", "BusinessDay");

CREATE TABLE report_amendments (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "Figure" character varying(100) NOT NULL,
    "Before" numeric(14,2) NOT NULL,
    "After" numeric(14,2) NOT NULL,
    "ChangedAt" timestamp with time zone NOT NULL,
    "FoundAt" timestamp with time zone NOT NULL,
    "Who" character varying(200) NOT NULL,
    "Why" character varying(200) NOT NULL,
    CONSTRAINT "PK_report_amendments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_report_amendments_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_report_amendments_VenueId_BusinessDay" ON report_amendments ("VenueId", "BusinessDay");
