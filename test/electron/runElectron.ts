// `npm run test:electron`: the same host suites under @vscode/test-electron, on a machine that can download
// VS Code (test-electron fetches it from Microsoft's update service; on our machines use `npm test`, which
// runs them in code-server instead). Each suite gets a fresh copy of its fixture workspace.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace } from '../harness/workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const SUITES = [
  { index: path.join(ROOT, 'out', 'test', 'integration', 'index'), fixture: 'hello-pypi', repository: 'Example-Org/Hello-PyPI' },
] as const;

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-publishing-electron-'));
  try {
    for (const suite of SUITES) {
      const workspace = await makeWorkspace({ fixture: suite.fixture, repository: suite.repository, parentDir: work });
      const code = await runTests({
        version: process.env.VSCODE_TEST_VERSION ?? 'stable',
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: suite.index,
        launchArgs: [
          workspace.folder,
          '--disable-extensions', // other installed extensions stay out of the way
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          `--user-data-dir=${path.join(work, 'user-data')}`,
        ],
      });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
