-- 0014 (issue 14, "40/30/30" and leave): the floor manager responsible for a department, set by the GM. They take
-- the floor manager's share of the department's shared fines and approve its people's leave. Null: nobody yet.
ALTER TABLE "departments" ADD "FloorManagerId" TEXT NULL CONSTRAINT "FK_departments_AspNetUsers_FloorManagerId" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;

CREATE INDEX "IX_departments_FloorManagerId" ON "departments" ("FloorManagerId");
