// Regions as offers carry them (pure): what a region filter or preference in a query, a job or a policy matches.

/** A region filter matches the region itself or any region that starts with it (`us` matches `us-west-2`). */
export function regionMatches(region: string | null, wanted: string): boolean {
  if (!region) return false;
  const r = region.toLowerCase();
  const w = wanted.toLowerCase();
  return r === w || r.startsWith(`${w}-`) || r.startsWith(w);
}
