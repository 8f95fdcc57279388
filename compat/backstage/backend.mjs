// The real Backstage catalog backend, started the way a Backstage app does (createBackend + the catalog plugin),
// with everything the differential harness needs and nothing that reaches the network:
//   in-memory SQLite, one static bearer token, file locations only, every kind allowed.
// Usage: node backend.mjs <port> <catalog entry file> [token]
// The config is written to a temp JSON file and handed over as `--config`, because that is the path Backstage's own
// config loader reads (a code-only config would need private service overrides).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint, catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

const [portArg, entryArg, tokenArg] = process.argv.slice(2);
if (!portArg || !entryArg) {
  console.error('usage: node backend.mjs <port> <catalog entry file> [token]');
  process.exit(2);
}
const port = Number(portArg);
const token = tokenArg ?? process.env.COMPAT_TOKEN ?? 'compat-token-0123456789';

const config = {
  app: { baseUrl: `http://127.0.0.1:${port}` },
  backend: {
    baseUrl: `http://127.0.0.1:${port}`,
    listen: { host: '127.0.0.1', port },
    database: { client: 'better-sqlite3', connection: ':memory:' },
    auth: {
      externalAccess: [{ type: 'static', options: { token, subject: 'compat' } }],
    },
    cors: { origin: '*' },
  },
  // No integrations: only file locations are read, so nothing leaves the machine.
  catalog: {
    rules: [{ allow: ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Location', 'Template'] }],
    locations: [{ type: 'file', target: resolve(entryArg) }],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'backstage-compat-'));
const configFile = join(dir, 'app-config.json');
writeFileSync(configFile, JSON.stringify(config, null, 2));
process.argv.splice(2, process.argv.length, '--config', configFile);

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
// Backstage lets only `url` locations be registered through POST /locations by default; the harness registers local
// files on both servers, so `file` is allowed too (the only code-level change from a stock catalog backend).
backend.add(createBackendModule({
  pluginId: 'catalog',
  moduleId: 'compat-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint, processing: catalogProcessingExtensionPoint },
      async init({ locations, processing }) {
        locations.setAllowedLocationTypes(['url', 'file']);
        // Processing errors are otherwise silent (an entity that never processed cleanly is just absent); one line
        // each in the log tells why an entity is missing on Backstage's side.
        processing.setOnProcessingErrorHandler(({ unprocessedEntity: e, errors }) => {
          const ref = `${e.kind}:${e.metadata?.namespace ?? 'default'}/${e.metadata?.name}`;
          console.log(`processing error ${ref}: ${errors.map(String).join(' | ')}`);
        });
      },
    });
  },
}));
await backend.start();
console.log(`backstage catalog backend listening on http://127.0.0.1:${port}/api/catalog`);
