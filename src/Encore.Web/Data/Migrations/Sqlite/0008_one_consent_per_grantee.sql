-- A consent (the owner lets another manager book a customer) is granted once: a double tap or two screens at once
-- must not file it twice. Duplicates already filed keep their first row.
DELETE FROM customer_consents
WHERE EXISTS (SELECT 1 FROM customer_consents b
              WHERE b."CustomerId" = customer_consents."CustomerId" AND b."GranteeId" = customer_consents."GranteeId"
                AND (b."At" < customer_consents."At" OR (b."At" = customer_consents."At" AND b."Id" < customer_consents."Id")));
DROP INDEX "IX_customer_consents_CustomerId_GranteeId";
CREATE UNIQUE INDEX "IX_customer_consents_CustomerId_GranteeId" ON "customer_consents" ("CustomerId", "GranteeId");
