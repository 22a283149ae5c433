/** A usage mistake: bad command, option or argument. The CLI prints it on one line and exits 2. */
export class UsageError extends Error {}
