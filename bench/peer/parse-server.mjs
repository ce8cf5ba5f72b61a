/**
 * Parse Server 9 on PostgreSQL (PARSE_DATABASE_URI), as a LeanCloud user moving away would
 * run it: express + ParseServer + Cloud Code (cloud.js). Prints `ready at <url>` when it serves.
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { ParseServer } from 'parse-server';

const here = path.dirname(new URL(import.meta.url).pathname);

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const port = Number(process.env.PORT || 0) || (await freePort());
const serverURL = `http://127.0.0.1:${port}/parse`;
const server = new ParseServer({
  databaseURI: process.env.PARSE_DATABASE_URI,
  appId: 'bench',
  masterKey: 'bench-master-key',
  masterKeyIps: ['127.0.0.1', '::1'],
  serverURL,
  cloud: path.join(here, 'cloud.js'),
  logLevel: 'error',
  // Parse writes log files; keep them out of the repository.
  logsFolder: process.env.PARSE_SERVER_LOGS_FOLDER ?? path.join(os.tmpdir(), 'union-bench-parse-logs'),
  allowClientClassCreation: false,
  enableInsecureAuthAdapters: false,
});
await server.start();
const app = express();
app.use('/parse', server.app);
app.listen(port, '127.0.0.1', () => process.stdout.write(`parse ready at ${serverURL}\n`));
