import type { OpName } from '../contract';

/** Operations declared in the contract whose core function has not landed yet. */
export const UNAVAILABLE = new Set<OpName>();
