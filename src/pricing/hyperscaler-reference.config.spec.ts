import { DEFAULT_REFERENCE_MAX_AGE_DAYS } from './hyperscaler-reference';
import { hyperscalerReferenceConfig } from './hyperscaler-reference.config';

describe('HYPERSCALER_REFERENCE_MAX_AGE_DAYS', () => {
  it('defaults, reads whole days, and refuses anything else by name', () => {
    expect(hyperscalerReferenceConfig({})).toEqual({ maxAgeDays: DEFAULT_REFERENCE_MAX_AGE_DAYS });
    expect(hyperscalerReferenceConfig({ HYPERSCALER_REFERENCE_MAX_AGE_DAYS: '30' })).toEqual({ maxAgeDays: 30 });
    expect(() => hyperscalerReferenceConfig({ HYPERSCALER_REFERENCE_MAX_AGE_DAYS: '0' })).toThrow(/HYPERSCALER_REFERENCE_MAX_AGE_DAYS/);
    expect(() => hyperscalerReferenceConfig({ HYPERSCALER_REFERENCE_MAX_AGE_DAYS: 'soon' })).toThrow(/HYPERSCALER_REFERENCE_MAX_AGE_DAYS/);
  });
});
