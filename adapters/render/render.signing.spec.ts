// Known-answer tests. Every expected value below was derived once outside this code: canonical JSON with
// Python's json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=True), digests and HMACs with
// `openssl dgst -sha256 [-hmac <secret>]`, then pasted here.
import { EMPTY_BODY_SHA256, canonicalJson, canonicalQuery, canonicalString, sha256Hex, signRenderRequest, signaturesEqual } from './render.signing';

const credentials = { publicKey: 'pk_test_4f1c', secretKey: 'sk_test_9b7e2d' };

const nestedBody = {
  title: 'Rendu de scène — 東京',
  gpu_count: 1,
  emoji: '🎬',
  parameters: { type: 'docker', parameters: { tag: '1.2', image: 'ghcr.io/acme/sdxl', env: { '10': 'x', '2': 'y', ZED: 'ü\n' } } },
  ports: [8080, 22],
  note: null,
  dropped: undefined,
};
const NESTED_BODY_CANONICAL =
  '{"emoji":"\\ud83c\\udfac","gpu_count":1,"note":null,"parameters":{"parameters":{"env":{"10":"x","2":"y","ZED":"\\u00fc\\n"},' +
  '"image":"ghcr.io/acme/sdxl","tag":"1.2"},"type":"docker"},"ports":[8080,22],"title":"Rendu de sc\\u00e8ne \\u2014 \\u6771\\u4eac"}';
const NESTED_BODY_SHA256 = '9f92051cfc24664fec6483f2f1628eb283846cef9e04ff39756a91853d65ddcd';

describe('Render request signing', () => {
  it('hashes an empty body as the SHA-256 of the empty string', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
  });

  it('writes canonical JSON with keys sorted recursively (integer-like keys as strings), compact and ASCII-safe', () => {
    const json = canonicalJson(nestedBody);
    expect(json).toBe(NESTED_BODY_CANONICAL);
    expect(sha256Hex(json)).toBe(NESTED_BODY_SHA256);
    // Round-trips to the same data, minus the undefined field.
    const { dropped: _dropped, ...rest } = nestedBody;
    expect(JSON.parse(json)).toEqual(rest);
  });

  it('sorts a query by key then value, keeps repeated keys and percent-encodes brackets and spaces', () => {
    const query: Array<[string, string]> = [
      ['page', '2'],
      ['filter[gpu_name]', 'NVIDIA RTX 4090'],
      ['filter[allowed_region_codes]', 'us-west-2'],
      ['filter[allowed_region_codes]', 'eu-central-1'],
      ['limit', '50'],
    ];
    expect(canonicalQuery(query)).toBe(
      'filter%5Ballowed_region_codes%5D=eu-central-1&filter%5Ballowed_region_codes%5D=us-west-2&filter%5Bgpu_name%5D=NVIDIA%20RTX%204090&limit=50&page=2',
    );
    expect(canonicalQuery({ page: 1, limit: 10, skipped: undefined })).toBe('limit=10&page=1');
    expect(canonicalQuery({})).toBe('');
  });

  it('signs the reference example (GET /v1/jobs?limit=10&page=1) to the openssl HMAC', () => {
    const headers = signRenderRequest(
      { publicKey: 'pk_abc123', secretKey: 'sk_abc123secret' },
      { method: 'get', pathname: '/v1/jobs', query: { page: 1, limit: 10 }, body: '' },
      { timestampMs: 1706918400000, nonce: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' },
    );
    expect(headers).toEqual({
      'X-API-Key': 'pk_abc123',
      'X-Time': '1706918400000',
      'X-Nonce': 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      'X-Signature': '38c685e0fd0e75d00c6f65cdb6ce4461469f4b832fbdc88d19c69613479da601',
    });
  });

  it('signs a GET with repeated query keys to the openssl HMAC', () => {
    const headers = signRenderRequest(
      credentials,
      {
        method: 'GET',
        pathname: '/v1/compute/offers',
        query: [
          ['page', '2'],
          ['filter[gpu_name]', 'NVIDIA RTX 4090'],
          ['filter[allowed_region_codes]', 'us-west-2'],
          ['filter[allowed_region_codes]', 'eu-central-1'],
          ['limit', '50'],
        ],
        body: '',
      },
      { timestampMs: 1706918400000, nonce: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' },
    );
    expect(headers['X-Signature']).toBe('fe9cdc86840fb2c15772ef48f1ad9c07e60bb648eda775f80ca4df7b20888602');
  });

  it('signs a POST with a nested, non-ASCII body to the openssl HMAC', () => {
    const body = canonicalJson(nestedBody);
    const stamp = { timestampMs: 1706918401234, nonce: '00112233445566778899aabbccddeeff' };
    expect(canonicalString({ ...credentials, ...stamp, method: 'post', pathname: '/v1/jobs', query: {}, body })).toBe(
      `pk_test_4f1c|1706918401234|00112233445566778899aabbccddeeff|POST|/v1/jobs||${NESTED_BODY_SHA256}`,
    );
    const headers = signRenderRequest(credentials, { method: 'POST', pathname: '/v1/jobs', query: {}, body }, stamp);
    expect(headers['X-Signature']).toBe('d4c5695e26c5336cd1834cc464f0f866cc4fff4895f75e4d1377e43d5bd38dd4');
  });

  it('changes the signature when any signed part changes', () => {
    const base = { method: 'GET', pathname: '/v1/jobs', query: { page: 1 }, body: '' };
    const stamp = { timestampMs: 1706918400000, nonce: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' };
    const sig = signRenderRequest(credentials, base, stamp)['X-Signature'];
    expect(signRenderRequest(credentials, { ...base, query: { page: 2 } }, stamp)['X-Signature']).not.toBe(sig);
    expect(signRenderRequest(credentials, { ...base, pathname: '/v1/job-runs' }, stamp)['X-Signature']).not.toBe(sig);
    expect(signRenderRequest(credentials, base, { ...stamp, timestampMs: stamp.timestampMs + 1 })['X-Signature']).not.toBe(sig);
    expect(signRenderRequest({ ...credentials, secretKey: 'other' }, base, stamp)['X-Signature']).not.toBe(sig);
  });

  it('compares signatures exactly and rejects malformed ones', () => {
    const sig = '38c685e0fd0e75d00c6f65cdb6ce4461469f4b832fbdc88d19c69613479da601';
    expect(signaturesEqual(sig, sig)).toBe(true);
    expect(signaturesEqual(sig, sig.toUpperCase())).toBe(false);
    expect(signaturesEqual(sig, sig.slice(0, 63) + '0')).toBe(false);
    expect(signaturesEqual(sig, 'not-hex')).toBe(false);
  });
});
