-- 0029 (issue 18, rankings): commendations (表扬) that add ranking points (Rankings/Commendation.cs).
CREATE TABLE commendations (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "GivenById" uuid NOT NULL,
    "GivenAt" timestamp with time zone NOT NULL,
    "WithdrawnAt" timestamp with time zone,
    "WithdrawnById" uuid,
    "WithdrawReason" character varying(500) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_commendations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_commendations_AspNetUsers_GivenById" FOREIGN KEY ("GivenById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_commendations_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_commendations_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_commendations_GivenById" ON commendations ("GivenById");
CREATE INDEX "IX_commendations_StaffId" ON commendations ("StaffId");
CREATE INDEX "IX_commendations_VenueId_BusinessDay" ON commendations ("VenueId", "BusinessDay");
