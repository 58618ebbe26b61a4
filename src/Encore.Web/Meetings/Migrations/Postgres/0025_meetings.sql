-- 0025 (issue 17, meetings): meetings, who checked in (once each), and the actions of their minutes (Meetings/Meeting.cs).
CREATE TABLE meetings (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "BusinessDay" date NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "Agenda" character varying(2000) NOT NULL,
    "BriefJson" text,
    "ChairId" uuid NOT NULL,
    "Department" character varying(50) NOT NULL,
    "Minutes" character varying(4000),
    "MinutesById" uuid,
    "MinutesAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_meetings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_meetings_AspNetUsers_ChairId" FOREIGN KEY ("ChairId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meetings_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE TABLE meeting_actions (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "MeetingId" uuid NOT NULL,
    "Text" character varying(500) NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Due" date NOT NULL,
    "DoneAt" timestamp with time zone,
    "DoneById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_meeting_actions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_meeting_actions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meeting_actions_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES meetings ("Id") ON DELETE RESTRICT
);
CREATE TABLE meeting_check_ins (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "MeetingId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Late" boolean NOT NULL,
    CONSTRAINT "PK_meeting_check_ins" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_meeting_check_ins_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meeting_check_ins_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES meetings ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_meeting_actions_MeetingId" ON meeting_actions ("MeetingId");
CREATE INDEX "IX_meeting_actions_OwnerId_DoneAt" ON meeting_actions ("OwnerId", "DoneAt");
CREATE INDEX "IX_meeting_actions_VenueId_DoneAt" ON meeting_actions ("VenueId", "DoneAt");
CREATE UNIQUE INDEX "IX_meeting_check_ins_MeetingId_StaffId" ON meeting_check_ins ("MeetingId", "StaffId");
CREATE INDEX "IX_meeting_check_ins_StaffId" ON meeting_check_ins ("StaffId");
CREATE INDEX "IX_meetings_ChairId" ON meetings ("ChairId");
CREATE INDEX "IX_meetings_VenueId_BusinessDay" ON meetings ("VenueId", "BusinessDay");
