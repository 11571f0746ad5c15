// The few functions of @akashnetwork/chain-sdk this adapter uses, typed here: the package publishes its types
// only through `exports`, which this project's `moduleResolution: node` does not read.
declare module '@akashnetwork/chain-sdk' {
  export type Manifest = unknown[];
  export type GenerateManifestResult =
    { ok?: false; value: Array<{ instancePath?: string; message?: string }> } | { ok: true; value: { groups: Manifest; groupSpecs: unknown[] } };
  export function generateManifest(sdl: unknown): GenerateManifestResult;
  export function generateManifestVersion(manifest: Manifest): Promise<Uint8Array>;
  export function manifestToSortedJSON(manifest: Manifest): string;
}
