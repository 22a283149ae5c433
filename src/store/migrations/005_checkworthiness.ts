/**
 * Each claim's check-worthiness (src/rank): NULL for claims stored before it was computed; their documents'
 * analysis version is older, so `corpus stats` shows them stale and `corpus reanalyze` fills it in.
 */
export const sql = `
ALTER TABLE claims ADD COLUMN checkworthiness REAL;
`;
