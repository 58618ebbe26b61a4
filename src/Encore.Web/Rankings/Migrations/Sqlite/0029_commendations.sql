-- 0029 (issue 18, rankings): commendations (表扬) that add ranking points (Rankings/Commendation.cs).
CREATE TABLE "commendations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_commendations" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "GivenById" TEXT NOT NULL,
    "GivenAt" INTEGER NOT NULL,
    "WithdrawnAt" INTEGER NULL,
    "WithdrawnById" TEXT NULL,
    "WithdrawReason" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_commendations_AspNetUsers_GivenById" FOREIGN KEY ("GivenById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_commendations_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_commendations_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_commendations_GivenById" ON "commendations" ("GivenById");
CREATE INDEX "IX_commendations_StaffId" ON "commendations" ("StaffId");
CREATE INDEX "IX_commendations_VenueId_BusinessDay" ON "commendations" ("VenueId", "BusinessDay");
