/** Default time limit of one step of the verification (one migration's up or down), in ms: its own module, so help texts name it without loading the verification. */
export const DEFAULT_TIMEOUT_MS = 60_000;
