/**
 * The seed a network's simulator gets from SIM_SEED: each network its own, so changing one network's world leaves
 * the others. One rule for the network registry and the stand-alone simulated world, so both build one world.
 */
export function networkSeed(seed: number, id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) | 0;
  return seed + Math.abs(h);
}
