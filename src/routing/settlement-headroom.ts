/**
 * How far above its quote a job without a cap may settle on a network that prices at submit (an Akash bid).
 * Said to the user when a job is understood (routing) and applied when an attempt is submitted (jobs/settlement-cap.ts).
 */
export const SETTLEMENT_HEADROOM = '1.25';
