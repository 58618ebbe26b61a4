-- 0006: customer files gain tags, preferences, source and credit flags; consents, handovers, duplicate flags,
-- return visits and the contact log.

CREATE TABLE "customer_consents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_customer_consents" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "GranteeId" TEXT NOT NULL,
    "GrantedById" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_customer_consents_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "customer_flags" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_customer_flags" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "OtherCustomerId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_customer_flags_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "customer_handovers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_customer_handovers" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "FromId" TEXT NOT NULL,
    "ToId" TEXT NOT NULL,
    "ById" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_customer_handovers_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_customer_consents_CustomerId_GranteeId" ON "customer_consents" ("CustomerId", "GranteeId");

CREATE INDEX "IX_customer_flags_CustomerId" ON "customer_flags" ("CustomerId");

CREATE INDEX "IX_customer_flags_VenueId_Status" ON "customer_flags" ("VenueId", "Status");

CREATE INDEX "IX_customer_handovers_CustomerId" ON "customer_handovers" ("CustomerId");

ALTER TABLE "customers" ADD "Tags" TEXT NOT NULL DEFAULT '';

ALTER TABLE "customers" ADD "Preferences" TEXT NOT NULL DEFAULT '';

ALTER TABLE "customers" ADD "Source" TEXT NOT NULL DEFAULT '';

ALTER TABLE "customers" ADD "CreditFlags" TEXT NOT NULL DEFAULT '';

CREATE TABLE "customer_contacts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_customer_contacts" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "BusinessDay" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    CONSTRAINT "FK_customer_contacts_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "return_visits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_return_visits" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "DueDay" TEXT NOT NULL,
    "ScheduledAt" INTEGER NOT NULL,
    "DoneAt" INTEGER NULL,
    "Channel" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Satisfaction" INTEGER NULL,
    CONSTRAINT "FK_return_visits_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_customer_contacts_CustomerId" ON "customer_contacts" ("CustomerId");

CREATE INDEX "IX_customer_contacts_StaffId_BusinessDay" ON "customer_contacts" ("StaffId", "BusinessDay");

CREATE UNIQUE INDEX "IX_return_visits_CustomerId_Reason_DueDay" ON "return_visits" ("CustomerId", "Reason", "DueDay");

CREATE INDEX "IX_return_visits_OwnerId_DueDay" ON "return_visits" ("OwnerId", "DueDay");

ALTER TABLE "customers" ADD "Pinyin" TEXT NOT NULL DEFAULT '';

ALTER TABLE "customers" ADD "Initials" TEXT NOT NULL DEFAULT '';

CREATE INDEX "IX_customers_VenueId_Initials" ON "customers" ("VenueId", "Initials");

ALTER TABLE "customers" ADD "VipLevel" TEXT NOT NULL DEFAULT '';

ALTER TABLE "customers" ADD "ExclusiveManagerId" TEXT NULL;
