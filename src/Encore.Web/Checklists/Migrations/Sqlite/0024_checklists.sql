-- 0024 (issue 17, checklists): the GM's checklist templates (a version per save), the runs done on the phone (a room
-- inspection per room, one closing round per business day) with their items, and the closing-round reminders
-- (once per business day). See Checklists/ChecklistRecords.cs.
CREATE TABLE "checklist_templates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_checklist_templates" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Items" TEXT NOT NULL,
    "SavedById" TEXT NULL,
    "SavedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_checklist_templates_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_templates_VenueId_Template_Version" ON "checklist_templates" ("VenueId", "Template", "Version");
CREATE TABLE "checklist_runs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_checklist_runs" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "TemplateVersion" INTEGER NOT NULL,
    "RoomId" TEXT NULL,
    "RoomNumber" TEXT NULL,
    "BusinessDay" TEXT NOT NULL,
    "StartedById" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_checklist_runs_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "rooms" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_checklist_runs_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_checklist_runs_RoomId" ON "checklist_runs" ("RoomId");
CREATE INDEX "IX_checklist_runs_VenueId_BusinessDay_Template" ON "checklist_runs" ("VenueId", "BusinessDay", "Template");
CREATE UNIQUE INDEX "UX_checklist_runs_closing_day" ON "checklist_runs" ("VenueId", "BusinessDay") WHERE "Template" = 'closing';
CREATE TABLE "checklist_run_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_checklist_run_items" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "RunId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Ok" INTEGER NULL,
    "Note" TEXT NOT NULL,
    "PhotoPath" TEXT NULL,
    "CheckedById" TEXT NULL,
    "CheckedAt" INTEGER NULL,
    "OutOfServiceAt" INTEGER NULL,
    "FixedById" TEXT NULL,
    "FixedAt" INTEGER NULL,
    CONSTRAINT "FK_checklist_run_items_checklist_runs_RunId" FOREIGN KEY ("RunId") REFERENCES "checklist_runs" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_run_items_RunId_Position" ON "checklist_run_items" ("RunId", "Position");
CREATE TABLE "checklist_reminders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_checklist_reminders" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    CONSTRAINT "FK_checklist_reminders_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_reminders_VenueId_BusinessDay" ON "checklist_reminders" ("VenueId", "BusinessDay");
