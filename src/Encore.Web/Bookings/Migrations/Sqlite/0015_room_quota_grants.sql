-- 0015 (issue 14, room quotas): a floor manager's grant of rooms beyond a manager's quota for one night
-- (Bookings/RoomQuotas.cs). The quotas themselves are computed, not stored: they follow from the night's rooms,
-- bookings and rotation at the pre-shift meeting.
CREATE TABLE "room_quota_grants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_room_quota_grants" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "RoomType" TEXT NULL,
    "Rooms" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "GrantedById" TEXT NOT NULL,
    "GrantedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_room_quota_grants_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_quota_grants_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_room_quota_grants_StaffId" ON "room_quota_grants" ("StaffId");
CREATE INDEX "IX_room_quota_grants_VenueId_BusinessDay" ON "room_quota_grants" ("VenueId", "BusinessDay");
