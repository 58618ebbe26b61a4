-- 0025 (issue 17, meetings): meetings, who checked in (once each), and the actions of their minutes (Meetings/Meeting.cs).
CREATE TABLE "meetings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_meetings" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "StartsAt" INTEGER NOT NULL,
    "Agenda" TEXT NOT NULL,
    "BriefJson" TEXT NULL,
    "ChairId" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "Minutes" TEXT NULL,
    "MinutesById" TEXT NULL,
    "MinutesAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_meetings_AspNetUsers_ChairId" FOREIGN KEY ("ChairId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meetings_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "meeting_actions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_meeting_actions" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "MeetingId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Due" TEXT NOT NULL,
    "DoneAt" INTEGER NULL,
    "DoneById" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_meeting_actions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meeting_actions_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "meetings" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "meeting_check_ins" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_meeting_check_ins" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "MeetingId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Late" INTEGER NOT NULL,
    CONSTRAINT "FK_meeting_check_ins_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meeting_check_ins_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "meetings" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_meeting_actions_MeetingId" ON "meeting_actions" ("MeetingId");
CREATE INDEX "IX_meeting_actions_OwnerId_DoneAt" ON "meeting_actions" ("OwnerId", "DoneAt");
CREATE INDEX "IX_meeting_actions_VenueId_DoneAt" ON "meeting_actions" ("VenueId", "DoneAt");
CREATE UNIQUE INDEX "IX_meeting_check_ins_MeetingId_StaffId" ON "meeting_check_ins" ("MeetingId", "StaffId");
CREATE INDEX "IX_meeting_check_ins_StaffId" ON "meeting_check_ins" ("StaffId");
CREATE INDEX "IX_meetings_ChairId" ON "meetings" ("ChairId");
CREATE INDEX "IX_meetings_VenueId_BusinessDay" ON "meetings" ("VenueId", "BusinessDay");
