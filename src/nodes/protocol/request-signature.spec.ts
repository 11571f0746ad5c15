import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { ed25519 } from '@noble/curves/ed25519';
import { generateKeypair, isSolanaAddress, keypairFromSecretKey, keypairFromSeed, signBytes } from './node-keys';
import { canonicalRequest, signRequest, verifySignedRequest } from './request-signature';

// RFC 8032 §7.1, test 1.
const RFC_SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG_EMPTY = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

describe('node keys', () => {
  const kp = keypairFromSeed(RFC_SEED);

  it('derives the RFC 8032 public key and signature from the RFC seed', () => {
    expect(kp.publicKey.toString('hex')).toBe(RFC_PUBLIC);
    expect(Buffer.from(bs58.decode(signBytes(kp, Buffer.alloc(0)))).toString('hex')).toBe(RFC_SIG_EMPTY);
  });

  it('names the node by the same address Solana tooling derives from the seed', () => {
    expect(kp.nodeId).toBe(Keypair.fromSeed(RFC_SEED).publicKey.toBase58());
    expect(kp.nodeId).toBe('FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z');
    expect(Buffer.from(Keypair.fromSeed(RFC_SEED).secretKey).equals(kp.secretKey)).toBe(true);
  });

  it('reads back a Solana secret key and refuses a corrupt one', () => {
    const fresh = generateKeypair();
    expect(keypairFromSecretKey(fresh.secretKey).nodeId).toBe(fresh.nodeId);
    const corrupt = Buffer.from(fresh.secretKey);
    corrupt[40] ^= 1;
    expect(() => keypairFromSecretKey(corrupt)).toThrow(/corrupt/);
  });

  it('accepts base58 32-byte addresses only', () => {
    expect(isSolanaAddress(kp.nodeId)).toBe(true);
    expect(isSolanaAddress('11111111111111111111111111111111')).toBe(true);
    expect(isSolanaAddress('0xdeadbeef')).toBe(false);
    expect(isSolanaAddress(kp.nodeId.slice(0, 20))).toBe(false);
    expect(isSolanaAddress('O' + kp.nodeId.slice(1))).toBe(false);
  });
});

describe('signed agent requests', () => {
  const kp = keypairFromSeed(RFC_SEED);
  const req = { method: 'POST', pathWithQuery: '/v1/agent/heartbeat?x=1', body: '{"a":1}' };
  const T = 1_700_000_000_000;
  const NONCE = 'nonce-0123456789abcdef';
  const headers = signRequest(kp, req, T, NONCE);
  const WINDOW = 60_000;

  it('signs the canonical string with a known answer (Ed25519 is deterministic)', () => {
    expect(canonicalRequest(req, String(T), NONCE, kp.nodeId)).toBe(
      [
        'switchyard-node-request-v1',
        'POST',
        '/v1/agent/heartbeat?x=1',
        '1700000000000',
        NONCE,
        'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
        '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
      ].join('\n'),
    );
    expect(headers['x-sy-signature']).toBe('qW7AJgWZU6DxyFmpgKzVSgvnw9kWggv7fMFGb4UxUFNqtDJciWYqBboW6cQz6vT5N3AVeViZgr9mP4aNEWSVRuN');
    // An independent Ed25519 implementation agrees.
    const message = Buffer.from(canonicalRequest(req, String(T), NONCE, kp.nodeId));
    expect(ed25519.verify(bs58.decode(headers['x-sy-signature']), message, kp.publicKey)).toBe(true);
  });

  it('verifies the untouched request', () => {
    expect(verifySignedRequest({ ...headers }, req, T + 5_000, WINDOW)).toEqual({ ok: true, nodeId: kp.nodeId, nonce: NONCE, timestampMs: T });
  });

  it.each([
    ['method', { ...req, method: 'PUT' }, {}],
    ['path', { ...req, pathWithQuery: '/v1/agent/heartbeat' }, {}],
    ['query', { ...req, pathWithQuery: '/v1/agent/heartbeat?x=2' }, {}],
    ['body', { ...req, body: '{"a":2}' }, {}],
    ['timestamp', req, { 'x-sy-timestamp': String(T + 1) }],
    ['nonce', req, { 'x-sy-nonce': 'nonce-0123456789abcdeX' }],
    ['node id (another key)', req, { 'x-sy-node': generateKeypair().nodeId }],
    ['signature', req, { 'x-sy-signature': headers['x-sy-signature'].slice(0, -2) + '11' }],
  ] as const)('rejects a request whose %s was changed', (_field, tampered, headerChanges) => {
    const verdict = verifySignedRequest({ ...headers, ...headerChanges }, tampered, T, WINDOW);
    expect(verdict).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a request signed by a different key than the one it names', () => {
    const other = generateKeypair();
    const forged = { ...signRequest(other, req, T, NONCE), 'x-sy-node': kp.nodeId };
    expect(verifySignedRequest(forged, req, T, WINDOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects timestamps outside the window, and missing or malformed headers', () => {
    expect(verifySignedRequest({ ...headers }, req, T + WINDOW + 1, WINDOW)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(verifySignedRequest({ ...headers }, req, T - WINDOW - 1, WINDOW)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    const { 'x-sy-signature': _drop, ...unsigned } = headers;
    expect(verifySignedRequest(unsigned, req, T, WINDOW)).toMatchObject({ ok: false, reason: 'missing_headers' });
    expect(verifySignedRequest({ ...headers, 'x-sy-nonce': 'short' }, req, T, WINDOW)).toMatchObject({ ok: false, reason: 'malformed_headers' });
    expect(verifySignedRequest({ ...headers, 'x-sy-node': ['a', 'b'] }, req, T, WINDOW)).toMatchObject({ ok: false, reason: 'missing_headers' });
  });
});
