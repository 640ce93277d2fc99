// The core must run in plain Node: fail when any file under src/core imports 'vscode'.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const offenders = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.ts$/.test(name) && /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/.test(readFileSync(full, 'utf8'))) offenders.push(full);
  }
}
walk('src/core');
if (offenders.length) {
  console.error(`src/core must not import 'vscode':\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.log('core imports: ok (no vscode under src/core)');
