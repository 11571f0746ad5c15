// Account: balance, held, available, the ledger.
import { get } from '../api';
import { time, usd } from '../format';
import { useLoad } from '../hooks';
import type { Account, LedgerEntry, Page } from '../types';

export function AccountPage() {
  const account = useLoad(() => get<Account>('/v1/account'), [], 10_000);
  const ledger = useLoad(() => get<Page<LedgerEntry>>('/v1/account/ledger'), [], 10_000);
  const a = account.data;
  return (
    <section>
      <h1>Account</h1>
      {account.error && <p class="error">{account.error}</p>}
      {a && (
        <div class="cards">
          <div class="card">
            <div class="label">Account</div>
            <div class="big">{a.name}</div>
            <div class="muted">{a.id}</div>
          </div>
          <div class="card">
            <div class="label">Balance</div>
            <div class="big" data-testid="balance">
              {usd(a.balanceUsd, 6)}
            </div>
          </div>
          <div class="card">
            <div class="label">Held for running jobs</div>
            <div class="big" data-testid="held">
              {usd(a.heldUsd, 6)}
            </div>
            {a.heldUsdPerHour && <div>{usd(a.heldUsdPerHour)}/h</div>}
          </div>
          <div class="card">
            <div class="label">Available</div>
            <div class="big" data-testid="available">
              {usd(a.availableUsd, 6)}
            </div>
          </div>
        </div>
      )}
      <h2>Ledger</h2>
      {ledger.error && <p class="error">{ledger.error}</p>}
      {ledger.data && (
        <table data-testid="ledger-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th>Amount</th>
              <th>Reference</th>
              <th>Memo</th>
            </tr>
          </thead>
          <tbody>
            {ledger.data.items.map((e) => (
              <tr>
                <td>{time(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td class="num">{usd(e.amountUsd, 6)}</td>
                <td>{e.reference}</td>
                <td>{e.memo ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
