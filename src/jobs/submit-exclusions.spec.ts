import { submitExclusions } from './submit-exclusions';

describe('submitExclusions', () => {
  it('lists the live provider and region blocks of the network only', () => {
    const now = 1_000;
    const blocks = [
      { scope: 'provider' as const, network: 'akash', key: 'akash1bad', until: 2_000, reason: 'lost' },
      { scope: 'provider' as const, network: 'akash', key: 'akash1old', until: 500, reason: 'expired' },
      { scope: 'region' as const, network: 'akash', key: 'eu-central', until: 2_000, reason: 'x' },
      { scope: 'provider' as const, network: 'render', key: 'r1', until: 2_000, reason: 'other network' },
      { scope: 'offer' as const, network: 'akash', key: 'akash1x/nvidia/h100/80Gi/sxm', until: 2_000, reason: 'offer' },
    ];
    expect(submitExclusions(blocks, 'akash', now)).toEqual({ providers: ['akash1bad'], regions: ['eu-central'] });
  });
});
