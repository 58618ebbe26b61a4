-- 0018 (issue 14): where the training clock stands, so that it survives a restart of Encore (Platform/Clock.cs).
-- One row (Id 1); only used with ENCORE_CLOCK=simulated.
CREATE TABLE clock_position (
    "Id" integer NOT NULL,
    "Now" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_clock_position" PRIMARY KEY ("Id")
);
