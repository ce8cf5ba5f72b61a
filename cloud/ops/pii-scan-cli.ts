/**
 * `npm run scan:pii [-- <file or folder>…]`: scans the given paths (default: the data folder,
 * `UNION_DATA_DIR` or `data/`, with its database, WAL, backups and any logs) for plaintext
 * ID and mobile numbers. Exits 1 on any hit.
 */
import path from 'node:path';
import { formatPiiReport, scanForPii } from './pii-scan';

const args = process.argv.slice(2);
const paths = args.length ? args.map((a) => path.resolve(a)) : [path.resolve(process.env.UNION_DATA_DIR ?? 'data')];
const report = scanForPii(paths);
process.stdout.write(`${paths.join(', ')}\n${formatPiiReport(report)}\n`);
process.exit(report.hits.length ? 1 : 0);
