-- 0028 (issue 18, training): the annual plan's courses, attendance (once per person and course) and test attempts (Training/TrainingCourse.cs).
CREATE TABLE training_courses (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Content" character varying(4000) NOT NULL,
    "Method" character varying(100) NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "DurationMinutes" integer NOT NULL,
    "Location" character varying(100) NOT NULL,
    "TrainerId" uuid NOT NULL,
    "AudienceJson" character varying(4000) NOT NULL,
    "PassMark" integer NOT NULL,
    "DiscountAuthority" boolean NOT NULL,
    "CancelledAt" timestamp with time zone,
    "CancelledById" uuid,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_training_courses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_training_courses_AspNetUsers_TrainerId" FOREIGN KEY ("TrainerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_courses_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES venues ("Id") ON DELETE RESTRICT
);
CREATE TABLE training_attendance (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CourseId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Present" boolean NOT NULL,
    "MarkedById" uuid NOT NULL,
    "MarkedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_training_attendance" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_training_attendance_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_attendance_training_courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES training_courses ("Id") ON DELETE RESTRICT
);
CREATE TABLE training_scores (
    "Id" uuid NOT NULL,
    "VenueId" uuid NOT NULL,
    "CourseId" uuid NOT NULL,
    "StaffId" uuid NOT NULL,
    "Attempt" integer NOT NULL,
    "Score" integer NOT NULL,
    "Passed" boolean NOT NULL,
    "ById" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_training_scores" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_training_scores_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_scores_training_courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES training_courses ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_training_courses_TrainerId" ON training_courses ("TrainerId");
CREATE INDEX "IX_training_courses_VenueId_StartsAt" ON training_courses ("VenueId", "StartsAt");
CREATE UNIQUE INDEX "IX_training_attendance_CourseId_StaffId" ON training_attendance ("CourseId", "StaffId");
CREATE INDEX "IX_training_attendance_StaffId" ON training_attendance ("StaffId");
CREATE UNIQUE INDEX "IX_training_scores_CourseId_StaffId_Attempt" ON training_scores ("CourseId", "StaffId", "Attempt");
CREATE INDEX "IX_training_scores_StaffId" ON training_scores ("StaffId");
