/**
 * Claims that are an outlet's furniture (src/corpus/furniture.ts): found with each clustering, replaced with
 * the clusters in one transaction, and left out of the clusters. `grp` numbers the sentences: the claims
 * of one group are one sentence of one outlet.
 */
export const sql = `
CREATE TABLE furniture (
  claim_id    INTEGER PRIMARY KEY REFERENCES claims(id),
  grp         INTEGER NOT NULL
);
`;
