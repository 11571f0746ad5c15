// A path parameter holding NUL or a lone surrogate names nothing this API stores (Postgres could not even hold
// it): every route answers 404 before its handler runs, instead of a handler passing it to the database.
import type { FastifyInstance } from 'fastify';
import { notFoundProblem } from './problem';
import { unstorableTextReason } from './schema-primitives';

export function installPathParamGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req) => {
    const params = (req.params ?? {}) as Record<string, unknown>;
    for (const value of Object.values(params)) {
      if (typeof value === 'string' && unstorableTextReason(value)) throw notFoundProblem('Resource', JSON.stringify(value));
    }
  });
}
