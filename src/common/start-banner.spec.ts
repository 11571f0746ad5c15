import { logFormat, startBanner } from './start-banner';

describe('the start a person reads', () => {
  it('is pretty at a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('names the URL, the docs, the simulated networks and a generated admin key', () => {
    const text = startBanner({
      url: 'http://127.0.0.1:8080',
      networks: [
        { id: 'akash', simulated: true },
        { id: 'native', simulated: false },
      ],
      generatedAdminKey: 'sy_abc',
    });
    expect(text).toContain('running at http://127.0.0.1:8080');
    expect(text).toContain('http://127.0.0.1:8080/docs');
    expect(text).toMatch(/Dashboard\s+http:\/\/127.0.0.1:8080\//);
    expect(text).toMatch(/native; SIMULATED: akash/);
    expect(text).toMatch(/Admin key\s+sy_abc/);
    expect(startBanner({ url: 'u', networks: [] })).not.toContain('Admin key');
  });
});
