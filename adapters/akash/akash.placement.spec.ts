import { CONSOLE_AUDITORS, auditedBy, bidderFacts, placementAttributes, placementRefusal, placementRegionAttribute } from './akash.placement';

const AUDITOR = CONSOLE_AUDITORS[0];
const provider = (owner: string, region: string, auditors: string[]) => ({
  owner,
  isOnline: true,
  stats: { gpu: {} },
  attributes: [
    { key: 'region', value: region, auditedBy: auditors },
    { key: 'host', value: 'akash', auditedBy: [] },
  ],
});

describe('who may win an Akash job', () => {
  const facts = bidderFacts(
    [provider('akash1east', 'us-east', [AUDITOR]), provider('akash1west', 'us-west', []), { owner: 'not-a-provider' }],
    CONSOLE_AUDITORS,
  );

  it('reads region and audit from the provider records, skipping malformed ones', () => {
    expect(facts.get('akash1east')).toEqual({ region: 'us-east', audited: true, attributes: { region: 'us-east', host: 'akash' } });
    expect(facts.get('akash1west')).toMatchObject({ region: 'us-west', audited: false });
    expect(facts.has('not-a-provider')).toBe(false);
    expect(auditedBy({ attributes: [{ key: 'region', value: 'x', auditedBy: ['akash1other'] }] }, CONSOLE_AUDITORS)).toBe(false);
  });

  it('refuses providers outside the regions, in an excluded region, unaudited or unknown; accepts the rest', () => {
    expect(placementRefusal(facts.get('akash1east'), { regions: ['us'] }, CONSOLE_AUDITORS)).toBeUndefined();
    expect(placementRefusal(facts.get('akash1east'), { regions: ['eu'] }, CONSOLE_AUDITORS)).toBe('region us-east is not in eu');
    expect(placementRefusal(facts.get('akash1east'), { excludeRegions: ['us-east'] }, CONSOLE_AUDITORS)).toBe('region us-east is excluded (us-east)');
    expect(placementRefusal(facts.get('akash1west'), {}, CONSOLE_AUDITORS)).toMatch(/not audited by an allowed auditor/);
    expect(placementRefusal(facts.get('akash1west'), {}, [])).toBeUndefined();
    expect(placementRefusal(undefined, {}, CONSOLE_AUDITORS)).toMatch(/unknown/);
    expect(placementRefusal(undefined, {}, [])).toBeUndefined();
  });

  it('writes the routed provider’s own region attribute into the SDL only when it lies in the job’s regions', () => {
    expect(placementRegionAttribute({ regions: ['us'] }, 'us-east')).toBe('us-east');
    expect(placementRegionAttribute({ regions: ['eu'] }, 'us-east')).toBeUndefined();
    expect(placementRegionAttribute({}, 'us-east')).toBeUndefined();
    expect(placementRegionAttribute({ regions: ['us-east'] }, undefined)).toBeUndefined();
  });

  it('refuses providers and regions the host has blocked for this job', () => {
    const exclude = { providers: ['akash1east'], regions: ['us-west'] };
    expect(placementRefusal(facts.get('akash1east'), {}, CONSOLE_AUDITORS, exclude, 'akash1east')).toMatch(/provider excluded for this job/);
    expect(placementRefusal({ region: 'us-west', audited: true }, {}, CONSOLE_AUDITORS, exclude, 'akash1west')).toBe('region us-west is excluded (us-west)');
  });

  it('refuses providers without the job placement attributes, and writes into the SDL only those the routed provider carries on chain', () => {
    expect(placementRefusal(facts.get('akash1east'), { attributes: { host: 'akash' } }, CONSOLE_AUDITORS)).toBeUndefined();
    expect(placementRefusal(facts.get('akash1east'), { attributes: { host: 'other' } }, CONSOLE_AUDITORS)).toBe('attribute host is akash, not other');
    expect(placementRefusal(facts.get('akash1east'), { attributes: { tier: 'community' } }, CONSOLE_AUDITORS)).toBe('attribute tier is unset, not community');
    const routed = provider('akash1east', 'us-east', [AUDITOR]);
    expect(placementAttributes({ attributes: { host: 'akash', hostUri: 'https://x', tier: 'community' } }, routed)).toEqual({ host: 'akash' });
  });
});
