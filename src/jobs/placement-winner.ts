// The provider that actually took a job. On networks that settle by bids (Akash) another provider than the
// routed one may win; the attempt then records the winner, its region and offer, and its routing explanation
// says so and why, so that what the user reads (and what a failure blocks) is where the job really runs.
import type { EntityManager } from 'typeorm';
import type { Placement } from '../../adapters/sdk';

export async function recordWinner(em: EntityManager, attempt: { id: string; provider_id: string }, placement: Placement): Promise<void> {
  if (!placement.providerId || placement.providerId === attempt.provider_id) return;
  const note = placement.note ?? `the network placed the job on ${placement.providerId}, not the routed ${attempt.provider_id}`;
  await em.query(
    `UPDATE job_attempts SET provider_id = $2, offer_id = $3, region = $4,
       decision = jsonb_set(decision, '{explanation}', to_jsonb(concat_ws(' ', decision->>'explanation', $5::text)))
     WHERE id = $1`,
    [attempt.id, placement.providerId, placement.offerId, placement.region ?? null, `Winner: ${note}.`],
  );
}
