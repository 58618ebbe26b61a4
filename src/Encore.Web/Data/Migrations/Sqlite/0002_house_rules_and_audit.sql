-- 0002: versioned house rules, and the audit log, which the database keeps append-only.

CREATE TABLE "audit_entries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY,
    "VenueId" TEXT NULL,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NULL,
    "ActorBadge" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);

CREATE TABLE "house_rule_versions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_house_rule_versions" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "EffectiveFrom" INTEGER NOT NULL,
    "RulesJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedById" TEXT NULL,
    "Note" TEXT NOT NULL,
    CONSTRAINT "FK_house_rule_versions_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_audit_entries_VenueId_At" ON "audit_entries" ("VenueId", "At");

CREATE INDEX "IX_house_rule_versions_VenueId_EffectiveFrom" ON "house_rule_versions" ("VenueId", "EffectiveFrom");

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
