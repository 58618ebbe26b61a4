-- 0006: customer files gain tags, preferences, source and credit flags; consents, handovers, duplicate flags,
-- return visits and the contact log.

CREATE TABLE customer_consents (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "GranteeId" uuid NOT NULL,
    "GrantedById" uuid NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_customer_consents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_customer_consents_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);

CREATE TABLE customer_flags (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "OtherCustomerId" uuid NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_customer_flags" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_customer_flags_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);

CREATE TABLE customer_handovers (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "FromId" uuid NOT NULL,
    "ToId" uuid NOT NULL,
    "ById" uuid NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_customer_handovers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_customer_handovers_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_customer_consents_CustomerId_GranteeId" ON customer_consents ("CustomerId", "GranteeId");

CREATE INDEX "IX_customer_flags_CustomerId" ON customer_flags ("CustomerId");

CREATE INDEX "IX_customer_flags_VenueId_Status" ON customer_flags ("VenueId", "Status");

CREATE INDEX "IX_customer_handovers_CustomerId" ON customer_handovers ("CustomerId");

ALTER TABLE customers ADD "Tags" character varying(200) NOT NULL DEFAULT '';

ALTER TABLE customers ADD "Preferences" character varying(500) NOT NULL DEFAULT '';

ALTER TABLE customers ADD "Source" character varying(50) NOT NULL DEFAULT '';

ALTER TABLE customers ADD "CreditFlags" character varying(100) NOT NULL DEFAULT '';

CREATE TABLE customer_contacts (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "BusinessDay" date NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "Outcome" character varying(500) NOT NULL,
    CONSTRAINT "PK_customer_contacts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_customer_contacts_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);

CREATE TABLE return_visits (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Reason" character varying(16) NOT NULL,
    "DueDay" date NOT NULL,
    "ScheduledAt" timestamp with time zone NOT NULL,
    "DoneAt" timestamp with time zone,
    "Channel" character varying(16) NOT NULL,
    "Outcome" character varying(500) NOT NULL,
    "Satisfaction" integer,
    CONSTRAINT "PK_return_visits" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_return_visits_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES customers ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_customer_contacts_CustomerId" ON customer_contacts ("CustomerId");

CREATE INDEX "IX_customer_contacts_StaffId_BusinessDay" ON customer_contacts ("StaffId", "BusinessDay");

CREATE UNIQUE INDEX "IX_return_visits_CustomerId_Reason_DueDay" ON return_visits ("CustomerId", "Reason", "DueDay");

CREATE INDEX "IX_return_visits_OwnerId_DueDay" ON return_visits ("OwnerId", "DueDay");

ALTER TABLE customers ADD "Pinyin" character varying(200) NOT NULL DEFAULT '';

ALTER TABLE customers ADD "Initials" character varying(50) NOT NULL DEFAULT '';

CREATE INDEX "IX_customers_VenueId_Initials" ON customers ("VenueId", "Initials");

ALTER TABLE customers ADD "VipLevel" character varying(16) NOT NULL DEFAULT '';

ALTER TABLE customers ADD "ExclusiveManagerId" uuid;
