import type { InngestFunction } from 'inngest';

/** Every Inngest function of the app; /api/inngest serves these and the local executor runs them. */
export const functions: readonly InngestFunction.Any[] = [];
