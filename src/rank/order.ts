/** Claims in the order a reader asks for, and a score as shown: no model here, so reports and the web app import it cheaply. */
import type { Claim } from '../model/types.js';

/** The orders a list of claims can be shown in: as in the text, or the most check-worthy first. */
export type ClaimOrder = 'text' | 'checkworthy';

export const CLAIM_ORDERS: readonly ClaimOrder[] = ['text', 'checkworthy'];

export const isClaimOrder = (s: string): s is ClaimOrder => (CLAIM_ORDERS as readonly string[]).includes(s);

/** The claims in that order (a copy; ties keep text order). */
export function sortClaims<T extends Pick<Claim, 'checkworthiness'>>(claims: readonly T[], order: ClaimOrder): T[] {
  return order === 'checkworthy' ? [...claims].sort((a, b) => b.checkworthiness - a.checkworthiness) : [...claims];
}

/** A score as shown to a reader: two decimals ("0.22"); below 0.01, "<0.01". */
export function formatCheckworthiness(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.005 ? '<0.01' : p.toFixed(2);
}
