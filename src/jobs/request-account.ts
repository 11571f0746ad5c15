import type { FastifyRequest } from 'fastify';
import { accountContextOf } from '../accounts/access.decorators';

/** The account a request acts for, as set by the access guard (jobs routes always require a key). */
export function accountOf(req: FastifyRequest): string {
  const account = accountContextOf(req);
  if (!account) throw new Error('no account on an authenticated route: the access guard did not run');
  return account.accountId;
}
