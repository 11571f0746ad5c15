// Contract tests: record what adapters send and receive, and hold it to the upstream's own API documents.
export * from './exchange-recorder';
export * from './contract-exceptions';
export * from './upstream-operations';
export * from './upstream-contract';
export * from './upstream-documents';
