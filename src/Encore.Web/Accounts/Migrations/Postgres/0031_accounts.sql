-- 0031 (issue 20, market development): corporate accounts, their contacts, activities and contracts, and research notes (Accounts/Account.cs).
CREATE TABLE accounts (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Company" character varying(100) NOT NULL,
    "NormalizedCompany" character varying(100) NOT NULL,
    "Industry" character varying(50) NOT NULL,
    "Source" character varying(50) NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Stage" character varying(32) NOT NULL,
    "StageReason" character varying(200) NOT NULL,
    "StageChangedAt" timestamp with time zone NOT NULL,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_accounts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_accounts_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_accounts_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_accounts_OwnerId" ON accounts ("OwnerId");
CREATE INDEX "IX_accounts_VenueId_NormalizedCompany" ON accounts ("VenueId", "NormalizedCompany");
CREATE INDEX "IX_accounts_VenueId_Stage" ON accounts ("VenueId", "Stage");

CREATE TABLE account_contacts (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "Name" character varying(50) NOT NULL,
    "Phone" character varying(40) NOT NULL,
    "Title" character varying(50) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_account_contacts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_account_contacts_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_contacts_AccountId" ON account_contacts ("AccountId");
CREATE INDEX "IX_account_contacts_VenueId_Phone" ON account_contacts ("VenueId", "Phone");

CREATE TABLE account_activities (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Note" character varying(1000) NOT NULL,
    "NextStep" character varying(500) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_account_activities" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_account_activities_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_account_activities_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_account_activities_AccountId_At" ON account_activities ("AccountId", "At");
CREATE INDEX "IX_account_activities_StaffId" ON account_activities ("StaffId");
CREATE INDEX "IX_account_activities_VenueId_At" ON account_activities ("VenueId", "At");

CREATE TABLE contracts (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "From" date NOT NULL,
    "To" date NOT NULL,
    "DiscountRate" numeric(14,2) NOT NULL,
    "CreditLimit" numeric(14,2) NOT NULL,
    "Settlement" character varying(32) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DecidedById" uuid,
    "DecidedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_contracts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_contracts_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_contracts_AccountId_From" ON contracts ("AccountId", "From");
CREATE INDEX "IX_contracts_VenueId_To" ON contracts ("VenueId", "To");

CREATE TABLE research_notes (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Day" date NOT NULL,
    "Title" character varying(100) NOT NULL,
    "Note" character varying(4000) NOT NULL,
    "Tags" character varying(200) NOT NULL,
    "StaffId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_research_notes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_research_notes_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_research_notes_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_research_notes_StaffId" ON research_notes ("StaffId");
CREATE INDEX "IX_research_notes_VenueId_Day" ON research_notes ("VenueId", "Day");
