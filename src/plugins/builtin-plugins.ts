// The built-in networks, loaded lazily by id. A third-party plugin is loaded by path or package name instead.
export const BUILTIN_PLUGINS: Record<string, () => unknown> = {
  akash: () => require('../../adapters/akash'),
  render: () => require('../../adapters/render'),
  filecoin: () => require('../../adapters/filecoin'),
  native: () => require('../../adapters/native'),
  example: () => require('../../adapters/example'),
};
