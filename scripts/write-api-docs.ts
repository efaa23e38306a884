import fs from 'node:fs';
import path from 'node:path';
import { renderApiDocs } from '../electron/api/api-docs';

const target = path.join(__dirname, '..', 'docs', 'api.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderApiDocs());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
