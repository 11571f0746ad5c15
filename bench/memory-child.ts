// Run with --expose-gc as a child: resident size with N generated offers held in an OfferIndex (and nothing
// else: the listings and the generator's garbage are collected first). Prints one JSON line.
import { OfferIndex } from '../src/pool/offer-index';
import { generatePool } from './pool-generator';

const gc = (globalThis as { gc?: () => void }).gc;
const size = Number(process.argv[2] ?? 100_000);

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage();
}

const before = settle();
const index = new OfferIndex();
index.replaceAll(generatePool(size, 7));
const after = settle();
process.stdout.write(JSON.stringify({ size: index.size, gc: Boolean(gc), before, after }) + '\n');
