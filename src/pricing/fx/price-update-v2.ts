// The Pyth Solana Receiver's `PriceUpdateV2` account, decoded by hand (no Anchor). Borsh encodes the
// VerificationLevel enum as 1 byte for Full (tag 1) and 2 bytes for Partial (tag 0, num_signatures), so
// every field after it sits one byte later for Partial. The account is always 134 bytes.
// Layout: oracles.md §1(b) (pyth_solana_receiver_sdk price_update.rs).

export const PRICE_UPDATE_V2_DISCRIMINATOR = Buffer.from([34, 241, 35, 99, 157, 126, 244, 205]);
export const PRICE_UPDATE_V2_LEN = 134;

export type VerificationLevel = { kind: 'full' } | { kind: 'partial'; numSignatures: number };

export interface PriceUpdateV2 {
  writeAuthority: Buffer;
  verification: VerificationLevel;
  /** 32-byte feed id, lower-case hex without 0x. */
  feedId: string;
  price: bigint;
  conf: bigint;
  exponent: number;
  /** Unix seconds. */
  publishTime: bigint;
  prevPublishTime: bigint;
  emaPrice: bigint;
  emaConf: bigint;
  postedSlot: bigint;
}

export function decodePriceUpdateV2(data: Buffer): PriceUpdateV2 {
  if (data.length < PRICE_UPDATE_V2_LEN - 1) throw new Error(`PriceUpdateV2 too short: ${data.length} bytes`);
  if (!data.subarray(0, 8).equals(PRICE_UPDATE_V2_DISCRIMINATOR)) throw new Error('not a PriceUpdateV2 account (discriminator mismatch)');
  const tag = data.readUInt8(40);
  let verification: VerificationLevel;
  let o: number; // offset of feed_id
  if (tag === 1) {
    verification = { kind: 'full' };
    o = 41;
  } else if (tag === 0) {
    verification = { kind: 'partial', numSignatures: data.readUInt8(41) };
    o = 42;
  } else {
    throw new Error(`unknown verification level tag ${tag}`);
  }
  return {
    writeAuthority: Buffer.from(data.subarray(8, 40)),
    verification,
    feedId: data.subarray(o, o + 32).toString('hex'),
    price: data.readBigInt64LE(o + 32),
    conf: data.readBigUInt64LE(o + 40),
    exponent: data.readInt32LE(o + 48),
    publishTime: data.readBigInt64LE(o + 52),
    prevPublishTime: data.readBigInt64LE(o + 60),
    emaPrice: data.readBigInt64LE(o + 68),
    emaConf: data.readBigUInt64LE(o + 76),
    postedSlot: data.readBigUInt64LE(o + 84),
  };
}

/** The inverse, for the simulator and tests: always 134 bytes (Full leaves byte 133 as padding). */
export function encodePriceUpdateV2(u: PriceUpdateV2): Buffer {
  const data = Buffer.alloc(PRICE_UPDATE_V2_LEN);
  PRICE_UPDATE_V2_DISCRIMINATOR.copy(data, 0);
  u.writeAuthority.copy(data, 8, 0, 32);
  let o: number;
  if (u.verification.kind === 'full') {
    data.writeUInt8(1, 40);
    o = 41;
  } else {
    data.writeUInt8(0, 40);
    data.writeUInt8(u.verification.numSignatures, 41);
    o = 42;
  }
  const feed = Buffer.from(u.feedId.replace(/^0x/, ''), 'hex');
  if (feed.length !== 32) throw new Error('feed id must be 32 bytes');
  feed.copy(data, o);
  data.writeBigInt64LE(u.price, o + 32);
  data.writeBigUInt64LE(u.conf, o + 40);
  data.writeInt32LE(u.exponent, o + 48);
  data.writeBigInt64LE(u.publishTime, o + 52);
  data.writeBigInt64LE(u.prevPublishTime, o + 60);
  data.writeBigInt64LE(u.emaPrice, o + 68);
  data.writeBigUInt64LE(u.emaConf, o + 76);
  data.writeBigUInt64LE(u.postedSlot, o + 84);
  return data;
}
