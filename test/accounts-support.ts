// Shared helpers for the accounts and deposits suites: an HTTP client that never throws, key headers,
// and the ledger invariants every test re-checks.
import axios from 'axios';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import type { TestApp } from './support/test-app';

export const ADMIN_KEY = 'sy_test_admin_0123456789abcdefghijkl';
export const http = axios.create({ validateStatus: () => true });
export const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

export async function createAccountWithKey(app: TestApp, name: string, scopes: string[], limits: Record<string, string> = {}) {
  const account = await http.post(`${app.url}/v1/accounts`, { name, limits }, bearer(ADMIN_KEY));
  if (account.status !== 201) throw new Error(`account: ${account.status} ${JSON.stringify(account.data)}`);
  const key = await http.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name: `${name} key`, scopes }, bearer(ADMIN_KEY));
  if (key.status !== 201) throw new Error(`key: ${key.status} ${JSON.stringify(key.data)}`);
  return { accountId: account.data.id as string, key: key.data.key as string, keyId: key.data.id as string };
}

/** Every ledger transaction sums to zero, and each account's reported balance is the sum of its entries. */
export async function expectLedgerBalanced(app: TestApp): Promise<void> {
  const db = app.app.get(DataSource);
  const unbalanced = await db.query(`SELECT transaction_id, SUM(amount)::text AS sum FROM ledger_entries GROUP BY 1 HAVING SUM(amount) <> 0`);
  expect(unbalanced).toEqual([]);
  const accounts: Array<{ id: string }> = await db.query(`SELECT id FROM accounts`);
  for (const { id } of accounts) {
    const [{ total }] = await db.query(`SELECT COALESCE(SUM(amount), 0)::text AS total FROM ledger_entries WHERE ledger_account = $1`, [`account:${id}`]);
    const res = await http.get(`${app.url}/v1/accounts/${id}`, bearer(ADMIN_KEY));
    expect(res.status).toBe(200);
    expect(new Decimal(res.data.balanceUsd).eq(total)).toBe(true);
  }
}
