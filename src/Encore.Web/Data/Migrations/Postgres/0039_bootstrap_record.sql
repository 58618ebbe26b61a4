-- 0039 (issue 15, the start): which build of Encore last completed the start-up's bootstrap on this database (the
-- roles, the first venue, every feature's defaults, the admin account): a start by the same build skips it
-- (Data/Startup.cs, BootstrapRecord). Outside EF's model, as encore_migrations is. One row at most.
CREATE TABLE encore_bootstrap (
    build varchar(100) NOT NULL PRIMARY KEY,
    done_at varchar(40) NOT NULL
);
