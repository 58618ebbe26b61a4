-- 0026 (issue 17, shift handover 交接班): written by the outgoing shift with what Encore knew then, acknowledged by
-- the incoming one (Handover/ShiftHandoverRecord.cs).
CREATE TABLE shift_handovers (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "WrittenById" uuid NOT NULL,
    "WrittenAt" timestamp with time zone NOT NULL,
    "Notes" character varying(2000) NOT NULL,
    "OpenMatters" character varying(8000) NOT NULL,
    "Snapshot" text NOT NULL,
    "AcknowledgedById" uuid,
    "AcknowledgedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_shift_handovers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_shift_handovers_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_shift_handovers_AspNetUsers_WrittenById" FOREIGN KEY ("WrittenById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_shift_handovers_VenueId_BusinessDay" ON shift_handovers ("VenueId", "BusinessDay");
CREATE INDEX "IX_shift_handovers_WrittenById" ON shift_handovers ("WrittenById");
