-- 0035 (issue 21): the Data Protection keys in the database, so every instance on one PostgreSQL reads the cookies and
-- tokens another issued (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore). SQLite keeps its keys in the keys
-- directory; the table is here too so that both providers hold one model.
CREATE TABLE "data_protection_keys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);
