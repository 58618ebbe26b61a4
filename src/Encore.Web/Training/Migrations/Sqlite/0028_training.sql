-- 0028 (issue 18, training): the annual plan's courses, attendance (once per person and course) and test attempts (Training/TrainingCourse.cs).
CREATE TABLE "training_courses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_training_courses" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "StartsAt" INTEGER NOT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "Location" TEXT NOT NULL,
    "TrainerId" TEXT NOT NULL,
    "AudienceJson" TEXT NOT NULL,
    "PassMark" INTEGER NOT NULL,
    "DiscountAuthority" INTEGER NOT NULL,
    "CancelledAt" INTEGER NULL,
    "CancelledById" TEXT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_training_courses_AspNetUsers_TrainerId" FOREIGN KEY ("TrainerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_courses_venues_VenueId" FOREIGN KEY ("VenueId") REFERENCES "venues" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "training_attendance" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_training_attendance" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Present" INTEGER NOT NULL,
    "MarkedById" TEXT NOT NULL,
    "MarkedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_training_attendance_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_attendance_training_courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "training_courses" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "training_scores" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_training_scores" PRIMARY KEY,
    "VenueId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "Attempt" INTEGER NOT NULL,
    "Score" INTEGER NOT NULL,
    "Passed" INTEGER NOT NULL,
    "ById" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_training_scores_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_scores_training_courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "training_courses" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_training_courses_TrainerId" ON "training_courses" ("TrainerId");
CREATE INDEX "IX_training_courses_VenueId_StartsAt" ON "training_courses" ("VenueId", "StartsAt");
CREATE UNIQUE INDEX "IX_training_attendance_CourseId_StaffId" ON "training_attendance" ("CourseId", "StaffId");
CREATE INDEX "IX_training_attendance_StaffId" ON "training_attendance" ("StaffId");
CREATE UNIQUE INDEX "IX_training_scores_CourseId_StaffId_Attempt" ON "training_scores" ("CourseId", "StaffId", "Attempt");
CREATE INDEX "IX_training_scores_StaffId" ON "training_scores" ("StaffId");
