import { estimateRenderCost, RenderEstimateInput, RenderEstimateInputError } from './index';

const renderUsd = { price: '4.25', source: 'pyth-hermes', publishTime: '2026-05-01T12:00:00Z' };

function inputError(input: unknown): RenderEstimateInputError {
  try {
    estimateRenderCost(input as RenderEstimateInput);
  } catch (err) {
    if (err instanceof RenderEstimateInputError) return err;
    throw err;
  }
  throw new Error('expected a RenderEstimateInputError');
}

describe('estimateRenderCost', () => {
  it('prices 1,000 OBh at Tier 2 as 10 RENDER', () => {
    const e = estimateRenderCost({ obh: '1000', tier: 2, renderUsd });
    expect(e).toMatchObject({ obh: '1000', tier: 2, obhPerRenderCredit: '100', renderCredits: '10', usd: '42.5' });
    expect(e.fx).toEqual({ asset: 'RENDER', quote: 'USD', price: '4.25', source: 'pyth-hermes', publishTime: '2026-05-01T12:00:00Z' });
  });

  it('prices a GPU with OctaneBench 1,000 rendering for 2 h at Tier 3 as 2,000 OBh = 10 RENDER', () => {
    const e = estimateRenderCost({ gpu: { octaneBench: 1000, hours: '2' }, tier: 3, renderUsd: { ...renderUsd, price: '7.1' } });
    expect(e).toMatchObject({ obh: '2000', obhPerRenderCredit: '200', renderCredits: '10', usd: '71' });
    expect(e.assumptions[0]).toContain('OctaneBench 1000 × 2 h');
  });

  it('makes the same work cost half as much at Tier 3 as at Tier 2', () => {
    const t2 = estimateRenderCost({ obh: '333', tier: 2, renderUsd });
    const t3 = estimateRenderCost({ obh: '333', tier: 3, renderUsd });
    expect(t2.renderCredits).toBe('3.33');
    expect(t3.renderCredits).toBe('1.665');
    expect(t3.usd).toBe('7.07625');
  });

  it('keeps decimal precision with a real-world score and fractional hours (no float drift)', () => {
    // As JS floats, 1287.35 × 0.7 is 901.1449999999999.
    const e = estimateRenderCost({ gpu: { octaneBench: 1287.35, hours: '0.7' }, tier: 2, renderUsd: { ...renderUsd, price: '0.1' } });
    expect(e.obh).toBe('901.145');
    expect(e.renderCredits).toBe('9.01145');
    expect(e.usd).toBe('0.901145');
  });

  it('rounds RENDER credits up to 8 decimals, the smallest payable unit', () => {
    const e = estimateRenderCost({ obh: '0.0000001', tier: 3, renderUsd });
    expect(e.renderCredits).toBe('0.00000001');
  });

  it('states its rates, their source, their uncertainty and linear scaling', () => {
    const text = estimateRenderCost({ obh: '1', tier: 2, renderUsd }).assumptions.join('\n');
    expect(text).toMatch(/100 OBh per RENDER credit/);
    expect(text).toMatch(/200 OB for 1 hour at Tier 3/);
    expect(text).toMatch(/know\.rendernetwork\.com/);
    expect(text).toMatch(/example/);
    expect(text).toMatch(/2,500 OBh to 20,000 OBh/);
    expect(text).toMatch(/linearly/);
    expect(text).toMatch(/pyth-hermes, published 2026-05-01T12:00:00Z/);
  });

  it.each([
    ['neither obh nor gpu', { tier: 2, renderUsd }, 'obh|gpu', /either obh/],
    ['both obh and gpu', { obh: '1', gpu: { octaneBench: 1, hours: '1' }, tier: 2, renderUsd }, 'obh', /not both/],
    ['obh zero', { obh: '0', tier: 2, renderUsd }, 'obh', /greater than zero/],
    ['obh negative', { obh: '-5', tier: 2, renderUsd }, 'obh', /plain decimal/],
    ['obh with a thousands separator', { obh: '1,000', tier: 2, renderUsd }, 'obh', /plain decimal/],
    ['obh as a JS number', { obh: 1000, tier: 2, renderUsd }, 'obh', /decimal string/],
    ['a zero OctaneBench score', { gpu: { octaneBench: 0, hours: '1' }, tier: 2, renderUsd }, 'gpu.octaneBench', /positive number/],
    ['a NaN OctaneBench score', { gpu: { octaneBench: NaN, hours: '1' }, tier: 2, renderUsd }, 'gpu.octaneBench', /positive number/],
    ['hours missing', { gpu: { octaneBench: 100 }, tier: 2, renderUsd }, 'gpu.hours', /decimal string/],
    ['Tier 1', { obh: '1', tier: 1, renderUsd }, 'tier', /Tier 1 \(Trusted\) is not released/],
    ['Tier 4', { obh: '1', tier: 4, renderUsd }, 'tier', /2 \(Priority\) or 3 \(Economy\)/],
    ['a zero RENDER price', { obh: '1', tier: 2, renderUsd: { ...renderUsd, price: '0' } }, 'renderUsd.price', /greater than zero/],
    ['no FX source', { obh: '1', tier: 2, renderUsd: { ...renderUsd, source: ' ' } }, 'renderUsd.source', /where the price came from/],
    ['a bad publish time', { obh: '1', tier: 2, renderUsd: { ...renderUsd, publishTime: 'yesterday' } }, 'renderUsd.publishTime', /ISO-8601/],
    ['no FX quote', { obh: '1', tier: 2 }, 'renderUsd', /object/],
  ])('rejects %s, naming the field', (_label, input, field, reason) => {
    const err = inputError(input);
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
    expect(err.message).toBe(`${field}: ${err.reason}`);
  });
});
