import { settlementCap } from './settlement-cap';

const akash = (usd: string) => ({ network: 'akash', priceKind: 'estimate' as const, effectiveUsdPerHour: usd });
const firm = (network: string, usd: string) => ({ network, priceKind: 'firm' as const, effectiveUsdPerHour: usd });

describe('settlementCap', () => {
  it('is the user’s cap whenever the job has one', () => {
    expect(
      settlementCap({ userCap: '1.10', quotedUsdPerHour: '2.00', gpus: 2, network: 'akash', candidates: [akash('2.00'), firm('render', '2.10')] }),
    ).toEqual({
      usdPerGpuHour: '1.10',
      basis: 'the job’s maxUsdPerGpuHour',
    });
  });

  it('is the quote plus 25 % per GPU when nothing firm on another network ranks behind it', () => {
    const cap = settlementCap({ quotedUsdPerHour: '3.20', gpus: 2, network: 'akash', candidates: [akash('3.20'), akash('3.30')] });
    expect(cap).toEqual({ usdPerGpuHour: '2', basis: 'the quote plus 25 %' });
  });

  it('stops at the next firm offer on another network, since a dearer bid would no longer be the cheapest placement', () => {
    const cap = settlementCap({
      quotedUsdPerHour: '1.60',
      gpus: 1,
      network: 'akash',
      candidates: [akash('1.60'), akash('1.62'), firm('render', '1.75'), firm('filecoin', '1.70')],
    });
    expect(cap).toEqual({ usdPerGpuHour: '1.75', basis: 'the next firm offer, on render' });
  });

  it('keeps the 25 % headroom when the next firm offer is dearer than that', () => {
    expect(settlementCap({ quotedUsdPerHour: '1.00', gpus: 1, network: 'akash', candidates: [akash('1.00'), firm('render', '1.40')] }).usdPerGpuHour).toBe(
      '1.25',
    );
  });

  it('never goes below the quote, even when the next firm offer is priced under it', () => {
    expect(settlementCap({ quotedUsdPerHour: '1.00', gpus: 1, network: 'akash', candidates: [akash('1.00'), firm('render', '0.95')] }).usdPerGpuHour).toBe('1');
  });
});
