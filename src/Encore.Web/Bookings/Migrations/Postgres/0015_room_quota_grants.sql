-- 0015 (issue 14, room quotas): a floor manager's grant of rooms beyond a manager's quota for one night
-- (Bookings/RoomQuotas.cs). The quotas themselves are computed, not stored: they follow from the night's rooms,
-- bookings and rotation at the pre-shift meeting.
CREATE TABLE room_quota_grants (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "StaffId" uuid NOT NULL,
    "RoomType" character varying(32),
    "Rooms" integer NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "GrantedById" uuid NOT NULL,
    "GrantedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_room_quota_grants" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_room_quota_grants_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_room_quota_grants_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_room_quota_grants_StaffId" ON room_quota_grants ("StaffId");
CREATE INDEX "IX_room_quota_grants_VenueId_BusinessDay" ON room_quota_grants ("VenueId", "BusinessDay");
