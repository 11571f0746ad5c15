// What a key may do. `admin` satisfies every scope; every valid key may `read`.
export const SCOPES = ['read', 'jobs', 'nodes:operate', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function scopeSatisfied(granted: readonly string[], required: Scope): boolean {
  return required === 'read' || granted.includes('admin') || granted.includes(required);
}

/** Who is calling: set on the request by the AccessGuard for every authenticated call. */
export interface AccountContext {
  accountId: string;
  keyId: string;
  scopes: Scope[];
}
