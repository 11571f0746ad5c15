import { join } from 'node:path';
import { resultsFile } from './bench-report';

describe('resultsFile', () => {
  it('appends a full run to the tracked bench/RESULTS.md', () => {
    expect(resultsFile([], '/repo')).toBe(join('/repo', 'bench', 'RESULTS.md'));
    expect(resultsFile(['--only=jobs'], '/repo')).toBe(join('/repo', 'bench', 'RESULTS.md'));
  });

  it('leaves tracked files alone in a smoke run (CI clones stay clean)', () => {
    expect(resultsFile(['--smoke'], '/repo')).toBeUndefined();
  });

  it('appends wherever --results= says, smoke or not', () => {
    expect(resultsFile(['--smoke', '--results=/tmp/smoke.md'], '/repo')).toBe('/tmp/smoke.md');
  });
});
