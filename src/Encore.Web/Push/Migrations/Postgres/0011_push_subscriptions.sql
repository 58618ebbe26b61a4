-- 0011 (issue 13): Web Push subscriptions, so that a ping reaches a phone where Encore is in the background or closed.
-- One row per browser endpoint (unique); the browser's keys encrypt each message to it (Push/PushSender.cs).
CREATE TABLE push_subscriptions (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Endpoint" character varying(1000) NOT NULL,
    "P256dh" character varying(100) NOT NULL,
    "AuthSecret" character varying(50) NOT NULL,
    "Language" character varying(10) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_push_subscriptions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_push_subscriptions_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_push_subscriptions_Endpoint" ON push_subscriptions ("Endpoint");

CREATE INDEX "IX_push_subscriptions_StaffId" ON push_subscriptions ("StaffId");
