-- 0026 (issue 17, shift handover 交接班): written by the outgoing shift with what Encore knew then, acknowledged by
-- the incoming one (Handover/ShiftHandoverRecord.cs).
CREATE TABLE "shift_handovers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_shift_handovers" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "WrittenById" TEXT NOT NULL,
    "WrittenAt" INTEGER NOT NULL,
    "Notes" TEXT NOT NULL,
    "OpenMatters" TEXT NOT NULL,
    "Snapshot" TEXT NOT NULL,
    "AcknowledgedById" TEXT NULL,
    "AcknowledgedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_shift_handovers_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_shift_handovers_AspNetUsers_WrittenById" FOREIGN KEY ("WrittenById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_shift_handovers_VenueId_BusinessDay" ON "shift_handovers" ("VenueId", "BusinessDay");
CREATE INDEX "IX_shift_handovers_WrittenById" ON "shift_handovers" ("WrittenById");
