-- 0031 (issue 20, market development): corporate accounts, their contacts, activities and contracts, and research notes (Accounts/Account.cs).
CREATE TABLE "accounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_accounts" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Company" TEXT NOT NULL,
    "NormalizedCompany" TEXT NOT NULL,
    "Industry" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "StageReason" TEXT NOT NULL,
    "StageChangedAt" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_accounts_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_accounts_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_accounts_OwnerId" ON "accounts" ("OwnerId");
CREATE INDEX "IX_accounts_VenueId_NormalizedCompany" ON "accounts" ("VenueId", "NormalizedCompany");
CREATE INDEX "IX_accounts_VenueId_Stage" ON "accounts" ("VenueId", "Stage");

CREATE TABLE "account_contacts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_account_contacts" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_account_contacts_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_contacts_AccountId" ON "account_contacts" ("AccountId");
CREATE INDEX "IX_account_contacts_VenueId_Phone" ON "account_contacts" ("VenueId", "Phone");

CREATE TABLE "account_activities" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_account_activities" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    "NextStep" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_account_activities_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_activities_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_activities_AccountId_At" ON "account_activities" ("AccountId", "At");
CREATE INDEX "IX_account_activities_StaffId" ON "account_activities" ("StaffId");
CREATE INDEX "IX_account_activities_VenueId_At" ON "account_activities" ("VenueId", "At");

CREATE TABLE "contracts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_contracts" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "DiscountRate" INTEGER NOT NULL,
    "CreditLimit" INTEGER NOT NULL,
    "Settlement" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_contracts_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_contracts_AccountId_From" ON "contracts" ("AccountId", "From");
CREATE INDEX "IX_contracts_VenueId_To" ON "contracts" ("VenueId", "To");

CREATE TABLE "research_notes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_research_notes" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Tags" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_research_notes_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_research_notes_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_research_notes_StaffId" ON "research_notes" ("StaffId");
CREATE INDEX "IX_research_notes_VenueId_Day" ON "research_notes" ("VenueId", "Day");
