// The one boundary to Solana: fetch a transaction by signature through @solana/web3.js 1.x.
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Finality, SolanaJSONRPCError, VersionedTransactionResponse } from '@solana/web3.js';
import { ACCOUNTS_CONFIG, AccountsConfig } from '../accounts/accounts.config';

export class SolanaRpcUnavailable extends Error {}
/** The RPC refused the transaction's version (-32015), e.g. a v1 transaction. */
export class UnsupportedTransactionVersion extends Error {}

@Injectable()
export class SolanaTransactionReader {
  private connection?: Connection;

  constructor(@Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig) {}

  get configured(): boolean {
    return Boolean(this.config.deposits.rpcUrl);
  }

  /** The transaction at `commitment`, or null when the RPC does not have it at that commitment. */
  async get(signature: string, commitment: Finality): Promise<VersionedTransactionResponse | null> {
    const { rpcUrl, rpcTimeoutMs } = this.config.deposits;
    if (!rpcUrl) throw new SolanaRpcUnavailable('SOLANA_RPC_URL is not configured');
    this.connection ??= new Connection(rpcUrl, { commitment: 'finalized', disableRetryOnRateLimit: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SolanaRpcUnavailable(`the Solana RPC did not answer within ${rpcTimeoutMs} ms`)), rpcTimeoutMs);
    });
    try {
      return await Promise.race([this.connection.getTransaction(signature, { commitment, maxSupportedTransactionVersion: 0 }), timeout]);
    } catch (err) {
      if (err instanceof SolanaRpcUnavailable) throw err;
      if (err instanceof SolanaJSONRPCError && err.code === -32015) throw new UnsupportedTransactionVersion(err.message);
      throw new SolanaRpcUnavailable(`the Solana RPC failed: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
