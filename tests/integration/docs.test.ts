/** docs/api.md documents every registered function and every refusal reason. */
import fs from 'node:fs';
import path from 'node:path';
import { REASONS } from '../../cloud/contract/errors';
import { buildRegistry } from '../../cloud/functions';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');

it.each(buildRegistry('demo').list().map((f) => f.contract.name))('documents %s', (name) => {
  expect(doc).toContain(`### \`${name} `);
});

it.each(Object.entries(REASONS))('documents reason %s with its code', (reason, { code }) => {
  expect(doc).toMatch(new RegExp(`\`${reason}\`[^\\n]*${code}`));
});
