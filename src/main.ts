import { loadAppConfig, ConfigError } from './config/app-config';
import { startSwitchyard } from './app.factory';
import { AdminBootstrap } from './accounts/admin-bootstrap';
import { createRootLogger } from './common/logger';
import { logFormat, startBanner } from './common/start-banner';
import { NetworkRegistry } from './plugins/network-registry';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const format = logFormat();
  const running = await startSwitchyard(config, { logger: createRootLogger(config.logLevel, format) });
  if (format === 'pretty') {
    const networks = running.app
      .get(NetworkRegistry)
      .list()
      .map((n) => ({ id: n.id, simulated: n.simulated }));
    process.stdout.write(startBanner({ url: running.url, networks, generatedAdminKey: running.app.get(AdminBootstrap).generatedKey }) + '\n');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      running.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (err) => {
        running.logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error('switchyard failed to start:', err);
  process.exit(1);
});
