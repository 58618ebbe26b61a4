-- 0011 (issue 13): Web Push subscriptions, so that a ping reaches a phone where Encore is in the background or closed.
-- One row per browser endpoint (unique); the browser's keys encrypt each message to it (Push/PushSender.cs).
CREATE TABLE "push_subscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_push_subscriptions" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Endpoint" TEXT NOT NULL,
    "P256dh" TEXT NOT NULL,
    "AuthSecret" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_push_subscriptions_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_push_subscriptions_Endpoint" ON "push_subscriptions" ("Endpoint");

CREATE INDEX "IX_push_subscriptions_StaffId" ON "push_subscriptions" ("StaffId");
