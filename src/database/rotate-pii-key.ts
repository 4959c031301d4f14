import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, parseKey } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { rotatePiiKey } from './pii-key-rotation';

/**
 * `PII_KEY_OLD=<current> PII_KEY=<new> npm run pii:rotate`, with the API stopped: re-encrypts resident IDs and
 * phones under the new key (docs/security.md). Start the API with the new PII_KEY afterwards.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const old = process.env.PII_KEY_OLD;
  if (!old) throw new ConfigError('PII_KEY_OLD (the key the data is encrypted with now) is required');
  const oldKey = parseKey(old, 'PII_KEY_OLD');
  if (oldKey.equals(config.piiKey)) throw new ConfigError('PII_KEY_OLD and PII_KEY are the same key');
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const result = await rotatePiiKey(dataSource, oldKey, config.piiKey, {
      rekeyCheckpoints: !process.env.AUDIT_KEY,
    });
    console.log(
      `Re-encrypted: ${JSON.stringify(result.columns)}; audit checkpoints re-keyed: ${result.checkpoints}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
