-- 0024 (issue 17, checklists): the GM's checklist templates (a version per save), the runs done on the phone (a room
-- inspection per room, one closing round per business day) with their items, and the closing-round reminders
-- (once per business day). See Checklists/ChecklistRecords.cs.
CREATE TABLE checklist_templates (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Template" character varying(32) NOT NULL,
    "Version" integer NOT NULL,
    "Items" character varying(8000) NOT NULL,
    "SavedById" uuid,
    "SavedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_checklist_templates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_checklist_templates_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_templates_VenueId_Template_Version" ON checklist_templates ("VenueId", "Template", "Version");
CREATE TABLE checklist_runs (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Template" character varying(32) NOT NULL,
    "TemplateVersion" integer NOT NULL,
    "RoomId" uuid,
    "RoomNumber" character varying(16),
    "BusinessDay" date NOT NULL,
    "StartedById" uuid NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_checklist_runs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_checklist_runs_rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES rooms ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_checklist_runs_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_checklist_runs_RoomId" ON checklist_runs ("RoomId");
CREATE INDEX "IX_checklist_runs_VenueId_BusinessDay_Template" ON checklist_runs ("VenueId", "BusinessDay", "Template");
CREATE UNIQUE INDEX "UX_checklist_runs_closing_day" ON checklist_runs ("VenueId", "BusinessDay") WHERE "Template" = 'closing';
CREATE TABLE checklist_run_items (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "RunId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Text" character varying(100) NOT NULL,
    "Ok" boolean,
    "Note" character varying(500) NOT NULL,
    "PhotoPath" character varying(100),
    "CheckedById" uuid,
    "CheckedAt" timestamp with time zone,
    "OutOfServiceAt" timestamp with time zone,
    "FixedById" uuid,
    "FixedAt" timestamp with time zone,
    CONSTRAINT "PK_checklist_run_items" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_checklist_run_items_checklist_runs_RunId" FOREIGN KEY ("RunId") REFERENCES checklist_runs ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_run_items_RunId_Position" ON checklist_run_items ("RunId", "Position");
CREATE TABLE checklist_reminders (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_checklist_reminders" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_checklist_reminders_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_checklist_reminders_VenueId_BusinessDay" ON checklist_reminders ("VenueId", "BusinessDay");
