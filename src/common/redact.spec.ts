import { displayableConfigValue, redactUrl, redactUrlsIn } from './redact';

describe('redaction', () => {
  it('reduces a URL to scheme and host, dropping credentials, path and query', () => {
    expect(redactUrl('postgres://app:s3cret@db.internal:5432/switchyard')).toBe('postgres://db.internal:5432/…');
    expect(redactUrl('https://eth-mainnet.g.alchemy.com/v2/AbCdEf123')).toBe('https://eth-mainnet.g.alchemy.com/…');
    expect(redactUrl('https://rpc.example?api-key=k')).toBe('https://rpc.example/…');
    expect(redactUrl('https://api.example.com/')).toBe('https://api.example.com');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('redacts every URL quoted in an upstream error message', () => {
    const message = 'server response 401 Unauthorized (request={ "url": "https://mainnet.infura.io/v3/0123abcd" }, code=SERVER_ERROR)';
    expect(redactUrlsIn(message)).toBe('server response 401 Unauthorized (request={ "url": "https://mainnet.infura.io/…" }, code=SERVER_ERROR)');
  });

  it('never shows a secret variable’s value in a config error, and no URL credentials', () => {
    expect(displayableConfigValue('ADMIN_API_KEY', 'short')).toBe('(hidden)');
    expect(displayableConfigValue('NODES_ADMIN_TOKEN', 'x')).toBe('(hidden)');
    expect(displayableConfigValue('DATABASE_URL', 'postgres://u:pw@/db?host=/run/postgresql')).not.toContain('pw');
    expect(displayableConfigValue('PORT', 'abc')).toBe('"abc"');
    expect(displayableConfigValue('PORT', undefined)).toBe('null');
  });
});
