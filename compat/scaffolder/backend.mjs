// The real Backstage scaffolder backend, started the way a Backstage app does (createBackend + the scaffolder plugin
// with the GitHub module, as @backstage/create-app's default backend has them), plus the catalog (the task API reads
// Template entities from it). Nothing reaches the network:
//   in-memory SQLite, one static bearer token, file locations only, no integrations configured.
// Usage: node backend.mjs <port> [catalog entry file ...] [--token T]
// Auth is relaxed only as far as local use needs: one static external-access token (subject `compat`), so requests are
// made by a *service* principal — dry runs and tasks then have no `user.entity`/`user.ref`, on both servers alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

const args = process.argv.slice(2);
const tokenAt = args.indexOf('--token');
const token = tokenAt >= 0 ? args.splice(tokenAt, 2)[1] : (process.env.COMPAT_TOKEN ?? 'compat-token-0123456789');
const [portArg, ...entries] = args;
if (!portArg) {
  console.error('usage: node backend.mjs <port> [catalog entry file ...] [--token T]');
  process.exit(2);
}
const port = Number(portArg);
const work = mkdtempSync(join(tmpdir(), 'backstage-scaffolder-'));

const config = {
  app: { baseUrl: `http://127.0.0.1:${port}` },
  backend: {
    baseUrl: `http://127.0.0.1:${port}`,
    listen: { host: '127.0.0.1', port },
    database: { client: 'better-sqlite3', connection: ':memory:' },
    // Dry-run workspaces and task workspaces go below this folder (Backstage's default is the OS temp dir).
    workingDirectory: work,
    auth: {
      externalAccess: [{ type: 'static', options: { token, subject: 'compat' } }],
    },
    cors: { origin: '*' },
  },
  catalog: {
    rules: [{ allow: ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Location', 'Template'] }],
    locations: entries.map(e => ({ type: 'file', target: resolve(e) })),
  },
};

const configFile = join(work, 'app-config.json');
writeFileSync(configFile, JSON.stringify(config, null, 2));
process.argv.splice(2, process.argv.length, '--config', configFile);

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
// publish:github, github:* — registered as in a default app; none of them runs in a dry run (no supportsDryRun).
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// notification:send, used by @backstage/create-app's example template (the default app installs this module too).
backend.add(import('@backstage/plugin-scaffolder-backend-module-notifications'));
// As in compat/backstage: `file` locations may be registered through POST /locations (only `url` by default).
backend.add(createBackendModule({
  pluginId: 'catalog',
  moduleId: 'compat-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) { locations.setAllowedLocationTypes(['url', 'file']); },
    });
  },
}));
await backend.start();
console.log(`backstage scaffolder backend listening on http://127.0.0.1:${port}/api/scaffolder (work dir ${work})`);
