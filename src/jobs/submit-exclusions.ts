// What a submit tells the network to keep the job away from: the providers and regions of that network the
// router excludes (blocked after failures). Where the network picks the provider itself (Akash bids), the
// adapter refuses them, so the network cannot place the job where routing would not.
import type { SubmitRequest } from '../../adapters/sdk';
import type { Block } from '../routing/routing.types';

export function submitExclusions(blocks: readonly Block[], network: string, now = Date.now()): NonNullable<SubmitRequest['exclude']> {
  const live = blocks.filter((b) => b.network === network && b.until > now);
  return {
    providers: live.filter((b) => b.scope === 'provider').map((b) => b.key),
    regions: live.filter((b) => b.scope === 'region' && b.key !== '').map((b) => b.key),
  };
}
