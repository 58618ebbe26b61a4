-- Nothing to do on PostgreSQL: the exclusion constraint EX_room_claims_no_overlap (0003) already refuses two
-- claims on one room whose periods overlap. SQLite gets the same rule as triggers in its 0007; the numbers of the
-- two sets are kept in step.
SELECT 1;
