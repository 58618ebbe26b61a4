-- 0006: customer files gain tags, preferences, source and credit flags; consents, handovers and duplicate flags.

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
