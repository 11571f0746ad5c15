// A path parameter holding NUL or a lone surrogate names nothing this API stores (Postgres could not even hold
// it): every route answers 404 before its handler runs, instead of a handler passing it to the database.
import type { FastifyInstance } from 'fastify';
import { notFoundProblem } from './problem';
import { unstorableTextReason } from './schema-primitives';

export function installPathParamGuard(fastify: FastifyInstance): void {
  // A callback hook, not an async one: no promise per request.
  fastify.addHook('preValidation', (req, _reply, done) => {
    const params = (req.params ?? {}) as Record<string, unknown>;
    for (const value of Object.values(params)) {
      if (typeof value === 'string' && unstorableTextReason(value)) return done(notFoundProblem('Resource', JSON.stringify(value)));
    }
    done();
  });
}
