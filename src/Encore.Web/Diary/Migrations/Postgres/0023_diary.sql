-- 0023 (issue 17, work diary): each manager's diary per business day, weekly and monthly work reports, superiors'
-- comments on both (Diary/DiaryRecords.cs), and the night each venue's empty-diary rule starts counting from.
CREATE TABLE diary_entries (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "Feedback" character varying(2000) NOT NULL,
    "Events" character varying(2000) NOT NULL,
    "SubmittedAt" timestamp with time zone,
    "Snapshot" text,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_diary_entries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_diary_entries_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_diary_entries_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_diary_entries_StaffId_BusinessDay" ON diary_entries ("StaffId", "BusinessDay");
CREATE INDEX "IX_diary_entries_VenueId_BusinessDay" ON diary_entries ("VenueId", "BusinessDay");

CREATE TABLE work_reports (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Period" character varying(32) NOT NULL,
    "PeriodStart" date NOT NULL,
    "Summary" character varying(2000) NOT NULL,
    "Plan" character varying(2000) NOT NULL,
    "SubmittedAt" timestamp with time zone,
    "Snapshot" text,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_work_reports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_work_reports_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_work_reports_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_work_reports_StaffId_Period_PeriodStart" ON work_reports ("StaffId", "Period", "PeriodStart");
CREATE INDEX "IX_work_reports_VenueId" ON work_reports ("VenueId");

CREATE TABLE diary_comments (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "DiaryEntryId" uuid,
    "WorkReportId" uuid,
    "AuthorId" uuid NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_diary_comments" PRIMARY KEY ("Id"),
    CONSTRAINT "CK_diary_comments_one_subject" CHECK (("DiaryEntryId" IS NULL) <> ("WorkReportId" IS NULL)),
    CONSTRAINT "FK_diary_comments_diary_entries_DiaryEntryId" FOREIGN KEY ("DiaryEntryId") REFERENCES diary_entries ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_diary_comments_work_reports_WorkReportId" FOREIGN KEY ("WorkReportId") REFERENCES work_reports ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_diary_comments_DiaryEntryId" ON diary_comments ("DiaryEntryId");
CREATE INDEX "IX_diary_comments_WorkReportId" ON diary_comments ("WorkReportId");

CREATE TABLE diary_rule_starts (
    "VenueId" uuid NOT NULL,
    "FirstNight" date NOT NULL,
    CONSTRAINT "PK_diary_rule_starts" PRIMARY KEY ("VenueId"),
    CONSTRAINT "FK_diary_rule_starts_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
