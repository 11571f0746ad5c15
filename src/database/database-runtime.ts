/** How the service reaches its database: a server by URL, or the embedded single-connection PGlite. */
export interface DatabaseRuntime {
  url: string;
  embedded: boolean;
}

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');
