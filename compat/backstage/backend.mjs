// The real Backstage catalog backend, started the way a Backstage app does (createBackend + the catalog plugin),
// with everything the differential harness needs and nothing that reaches the network:
//   in-memory SQLite, one static bearer token, file locations only, every kind allowed.
// Usage: node backend.mjs <port> <catalog entry file or http URL> [token]
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
    locations: [/^https?:\/\//.test(entryArg) ? { type: 'url', target: entryArg } : { type: 'file', target: resolve(entryArg) }],
  },
};
// A `url` entry (the harness's SERVE=url mode) is read through Backstage's fetch reader, which needs its host allowed.
if (/^https?:\/\//.test(entryArg)) config.backend.reading = { allow: [{ host: new URL(entryArg).host }] };

const dir = mkdtempSync(join(tmpdir(), 'backstage-compat-'));
const configFile = join(dir, 'app-config.json');
writeFileSync(configFile, JSON.stringify(config, null, 2));
process.argv.splice(2, process.argv.length, '--config', configFile);

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
// The Template kind (scaffolder.backstage.io/v1beta3), as every Backstage app with the scaffolder installs it.
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
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
