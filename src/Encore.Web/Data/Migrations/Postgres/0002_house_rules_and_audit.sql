-- 0002: versioned house rules, and the audit log, which the database keeps append-only.

CREATE TABLE audit_entries (
    "Id" uuid NOT NULL,
    "VenueId" uuid,
    "At" timestamp with time zone NOT NULL,
    "ActorId" uuid,
    "ActorBadge" character varying(64) NOT NULL,
    "Action" character varying(64) NOT NULL,
    "EntityType" character varying(64) NOT NULL,
    "EntityId" character varying(200) NOT NULL,
    "Before" text,
    "After" text,
    CONSTRAINT "PK_audit_entries" PRIMARY KEY ("Id")
);

CREATE TABLE house_rule_versions (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "EffectiveFrom" timestamp with time zone NOT NULL,
    "RulesJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedById" uuid,
    "Note" character varying(200) NOT NULL,
    CONSTRAINT "PK_house_rule_versions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_house_rule_versions_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_audit_entries_VenueId_At" ON audit_entries ("VenueId", "At");

CREATE INDEX "IX_house_rule_versions_VenueId_EffectiveFrom" ON house_rule_versions ("VenueId", "EffectiveFrom");

CREATE FUNCTION encore_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$;

CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION encore_audit_append_only();

CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION encore_audit_append_only();
