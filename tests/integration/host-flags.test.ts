/**
 * The host's V8 flags (scripts/host-node-flags.mjs) are passed by every launcher of the host:
 * `npm start` and `bench:peer` import them; the npm scripts that start the host (`host`, and
 * `bench:checkin`, which runs the host in its own process) must spell them out the same, or a
 * benchmark would measure a host that `npm start` does not run.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../..');

it('npm scripts that run the host pass the host\'s V8 flags', () => {
  // Read as text: jest runs CommonJS and cannot import the .mjs module.
  const source = fs.readFileSync(path.join(root, 'scripts/host-node-flags.mjs'), 'utf8');
  const HOST_NODE_FLAGS = JSON.parse(/HOST_NODE_FLAGS = (\[[^\]]*\]);/.exec(source)![1].replace(/'/g, '"')) as string[];
  expect(HOST_NODE_FLAGS.length).toBeGreaterThan(0);
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['host', 'bench:checkin']) {
    expect(scripts[name]).toMatch(new RegExp(`^node ${HOST_NODE_FLAGS.join(' ')} --import tsx `));
  }
  for (const file of ['scripts/start.mjs', 'scripts/bench-peer.mjs']) {
    expect(fs.readFileSync(path.join(root, file), 'utf8')).toContain('...HOST_NODE_FLAGS');
  }
});
