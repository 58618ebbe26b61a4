-- 0022 (issue 16, the guest's own voice): each room session's private guest links (the token only hashed, and sealed
-- with the app's keys outside the database) and every rating a guest sent through one, with the complaint it opened.
CREATE TABLE guest_links (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "TokenSealed" character varying(400) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_guest_links" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_guest_links_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES room_sessions ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_guest_links_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_guest_links_SessionId" ON guest_links ("SessionId");
CREATE UNIQUE INDEX "IX_guest_links_TokenHash" ON guest_links ("TokenHash");
CREATE INDEX "IX_guest_links_VenueId" ON guest_links ("VenueId");

CREATE TABLE guest_ratings (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "LinkId" uuid NOT NULL,
    "Rating" integer NOT NULL,
    "Comment" character varying(500) NOT NULL,
    "TipSolicited" boolean NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ComplaintId" uuid,
    CONSTRAINT "PK_guest_ratings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_guest_ratings_complaints_ComplaintId" FOREIGN KEY ("ComplaintId") REFERENCES complaints ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_guest_ratings_guest_links_LinkId" FOREIGN KEY ("LinkId") REFERENCES guest_links ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_guest_ratings_room_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES room_sessions ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_guest_ratings_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_guest_ratings_ComplaintId" ON guest_ratings ("ComplaintId");
CREATE INDEX "IX_guest_ratings_LinkId_At" ON guest_ratings ("LinkId", "At");
CREATE INDEX "IX_guest_ratings_SessionId" ON guest_ratings ("SessionId");
CREATE INDEX "IX_guest_ratings_VenueId" ON guest_ratings ("VenueId");
