// The VS Code part of `npm test` (`node out/test/harness/run.js`, after `npm run build` and tsc):
//   1. one fresh code-server with the extension loaded from this folder (test payload);
//   2. every host suite (mocha inside the extension host), each on its own fresh fixture workspace;
//   3. the browser journeys, each on its own fresh workspace;
//   4. `vsce package` and the smoke journey again on a second server that has only the packaged VSIX installed.
// Prints a summary and a last line `host: N passed, N failed`; exits non-zero on any failure.
//
// usage: node out/test/harness/run.js [--only host,journeys,vsix] [--suite NAME,...] [--journey NAME,...] [--verbose] [--extension DIR]
//   --suite NAME     run only these host suites (names in HOST_SUITES; implies --only host unless --only is given)
//   --journey NAME   run only these browser journeys (by name)
//   --extension DIR  test another extension folder (to check the harness itself with a throwaway extension)
// env: VSCODE_HOST_DIR (default .vscode-test/host), VSCODE_TEST_WORK (default .vscode-test-work), CHROMIUM,
//      HOST_SUITE (same as --suite)
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { Journey, JourneyResult, PreparedJourney, generateWorkflowJourney, runJourney, smokeJourney, workflowChecksJourney } from '../e2e/journey.e2e';
import { existingWorkflowJourney, noPyprojectJourney, wizardJourney } from '../e2e/wizard.e2e';
import { diagnoseJourney } from '../e2e/diagnose.e2e';
import { RELEASE_JOURNEY_SIGN_IN, prepareRelease, releaseJourney } from '../e2e/release.e2e';
import { RELEASE } from '../integration/releaseFakes';
import { launchBrowser } from './browser';
import { HostSuiteResult, runHostSuite } from './hostTests';
import { startRequestRecorder } from './recorder';
import { CodeServer, assertHostInstalled, freePort, startCodeServer } from './server';
import { ROOT, WORK_DIR, elapsed, errorMessage, log, withTimeout } from './util';
import { makeWorkspace } from './workspace';

interface HostSuite {
  name: string;
  /** The compiled suite index, relative to the repository root. */
  index: string;
  fixture: string;
  repository: string;
  /** Runs on a server with workspace trust on, where the fixture folder (trusted by nobody) opens in Restricted Mode. */
  restricted?: boolean;
  /**
   * The workspace's .vscode/settings.json, written before the workbench opens. `recorder` is the URL of a local
   * server that records every request sent to it (test/harness/recorder.ts); the suite reads what arrived there.
   */
  workspaceSettings?: (recorder: string) => Record<string, unknown>;
}

/**
 * What a malicious repository would commit: every setting that decides where a request or the GitHub token goes,
 * pointed at a server that records what it gets, and a sign-in provider of its choosing. `checks.enabled` (true, as by
 * default) is a window-scoped setting VS Code reads from a workspace even in Restricted Mode: the suites check it to
 * know the file was read.
 */
const hostileWorkspaceSettings = (recorder: string): Record<string, unknown> => ({
  'trustedPublishing.pypiUrl': recorder,
  'trustedPublishing.testPypiUrl': recorder,
  'trustedPublishing.githubApiUrl': recorder,
  'trustedPublishing.githubAuthProvider': 'hostile-provider',
  'trustedPublishing.pypiChecks.enabled': true,
  'trustedPublishing.releaseRuns.watch': true,
  'trustedPublishing.checks.enabled': true,
});

/** Every mocha suite that runs inside the extension host. Each gets a fresh copy of its fixture workspace. */
const HOST_SUITES: readonly HostSuite[] = [
  { name: 'integration', index: 'out/test/integration/index.js', fixture: 'hello-pypi', repository: 'Example-Org/Hello-PyPI' },
  { name: 'existing-workflow', index: 'out/test/integration/existing/index.js', fixture: 'flask-publish', repository: 'pallets/flask' },
  { name: 'token-workflow', index: 'out/test/integration/token/index.js', fixture: 'sdk-token', repository: '2s-io/sdk' },
  {
    name: 'hostile-workspace-settings',
    index: 'out/test/integration/hostileSettings/index.js',
    fixture: 'hello-pypi',
    repository: 'Example-Org/Hello-PyPI',
    workspaceSettings: hostileWorkspaceSettings,
  },
  {
    name: 'restricted-mode',
    index: 'out/test/integration/restricted/index.js',
    fixture: 'hello-pypi',
    repository: 'Example-Org/Hello-PyPI',
    restricted: true,
    workspaceSettings: hostileWorkspaceSettings,
  },
];

interface JourneyRun {
  journey: Journey;
  fixture: string;
  repository: string;
  readyFile: string;
  /** Workspace settings (.vscode/settings.json) written before the workbench opens. */
  workspaceSettings?: () => Promise<Record<string, unknown>>;
  /**
   * Remote settings for this journey only (code-server's Machine/settings.json, removed after it): where the
   * extension's machine-scoped settings, such as the PyPI URL, reliably apply in the remote window. Merged with what
   * `prepare` returns.
   */
  remoteSettings?: () => Promise<Record<string, unknown>>;
  /**
   * Sets the workspace up after it is made (commits, local servers): returns the remote settings of this journey's
   * window, and what to close after it.
   */
  prepare?: (workspace: string) => Promise<PreparedJourney>;
  /**
   * Folders of test-only extensions (a sign-in provider) the journey needs next to ours. They are packaged and
   * installed on a code-server of this journey's own: the test payload loads a single extension folder, and the
   * other journeys and the host suites keep a host without them.
   */
  extensions?: readonly string[];
}

/**
 * PyPI and TestPyPI on a local port nobody listens on: the journey sees PyPI unreachable, and never calls pypi.org.
 * Remote settings, not User settings: machine-scoped settings in User/settings.json may not apply in the remote window.
 */
async function unreachablePypi(): Promise<Record<string, unknown>> {
  const closed = `http://127.0.0.1:${await freePort()}`;
  return { 'trustedPublishing.pypiUrl': closed, 'trustedPublishing.testPypiUrl': closed };
}

const JOURNEYS: readonly JourneyRun[] = [
  { journey: smokeJourney, fixture: 'hello-pypi', repository: 'Example-Org/Hello-PyPI', readyFile: 'pyproject.toml' },
  { journey: generateWorkflowJourney, fixture: 'hello-pypi', repository: 'Example-Org/Hello-PyPI', readyFile: 'pyproject.toml' },
  { journey: workflowChecksJourney, fixture: 'publish-problems', repository: 'Example-Org/publish-problems', readyFile: 'pyproject.toml' },
  { journey: wizardJourney, fixture: 'hello-pypi', repository: 'Example-Org/Hello-PyPI', readyFile: 'pyproject.toml', remoteSettings: unreachablePypi },
  { journey: existingWorkflowJourney, fixture: 'flask-publish', repository: 'pallets/flask', readyFile: 'pyproject.toml', remoteSettings: unreachablePypi },
  { journey: noPyprojectJourney, fixture: 'structlog-workflows', repository: 'hynek/structlog', readyFile: 'SOURCE.md' },
  { journey: diagnoseJourney, fixture: 'publish-problems', repository: 'Example-Org/publish-problems', readyFile: 'pyproject.toml', remoteSettings: unreachablePypi },
  {
    journey: releaseJourney,
    fixture: 'hello-pypi',
    repository: `${RELEASE.owner}/${RELEASE.repo}`,
    readyFile: 'pyproject.toml',
    prepare: prepareRelease,
    extensions: [RELEASE_JOURNEY_SIGN_IN],
  },
];

/** Run again against the packaged VSIX. */
const VSIX_JOURNEYS: readonly JourneyRun[] = [JOURNEYS[0]];

type Phase = 'host' | 'journeys' | 'vsix';

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  durationMs: number;
  detail?: string;
}

interface Options {
  phases: ReadonlySet<Phase>;
  /** The host suites to run: all when undefined. */
  suites?: ReadonlySet<string>;
  verbose: boolean;
  extensionDir: string;
  /** `--journey a,b`: only these journeys (by name); all when not given. */
  journeys?: ReadonlySet<string>;
}

function parseArgs(argv: readonly string[]): Options {
  const phases = new Set<Phase>(['host', 'journeys', 'vsix']);
  let verbose = !!process.env.HOST_TEST_VERBOSE;
  let extensionDir = ROOT;
  let suiteList = process.env.HOST_SUITE || undefined;
  let onlyGiven = false;
  let journeys: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--verbose') verbose = true;
    else if (arg === '--suite' && argv[i + 1]) suiteList = argv[++i];
    else if (arg === '--only' && argv[i + 1]) {
      onlyGiven = true;
      phases.clear();
      for (const phase of argv[++i].split(',')) {
        if (phase !== 'host' && phase !== 'journeys' && phase !== 'vsix') throw new Error(`unknown phase ${phase}`);
        phases.add(phase);
      }
    } else if (arg === '--extension' && argv[i + 1]) extensionDir = path.resolve(argv[++i]);
    else if (arg === '--journey' && argv[i + 1]) {
      journeys = new Set(argv[++i].split(','));
      const unknown = [...journeys].filter((name) => !JOURNEYS.some((run) => run.journey.name === name));
      if (unknown.length) throw new Error(`unknown journey ${unknown.join(', ')} (journeys: ${JOURNEYS.map((run) => run.journey.name).join(', ')})`);
    } else throw new Error(`unknown argument ${arg}`);
  }
  let suites: Set<string> | undefined;
  if (suiteList) {
    suites = new Set(suiteList.split(',').map((name) => name.trim()).filter(Boolean));
    const unknown = [...suites].filter((name) => !HOST_SUITES.some((suite) => suite.name === name));
    if (unknown.length) throw new Error(`unknown host suite ${unknown.join(', ')} (known: ${HOST_SUITES.map((suite) => suite.name).join(', ')})`);
    if (!onlyGiven) {
      phases.clear();
      phases.add('host');
    }
  }
  return { phases, verbose, extensionDir, suites, ...(journeys ? { journeys } : {}) };
}

/** Fails when a compiled suite index exists that HOST_SUITES does not list (it would silently never run). */
function checkSuitesListed(): void {
  const listed = new Set(HOST_SUITES.map((suite) => path.resolve(ROOT, suite.index)));
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'index.js') found.push(full);
    }
  };
  walk(path.join(ROOT, 'out', 'test', 'integration'));
  const unlisted = found.filter((file) => !listed.has(file));
  if (unlisted.length) throw new Error(`host suites not listed in HOST_SUITES (test/harness/run.ts): ${unlisted.join(', ')}`);
  for (const file of listed) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run compile-tests\``);
  }
}

function preflight(options: Options): void {
  assertHostInstalled();
  const manifest = JSON.parse(fs.readFileSync(path.join(options.extensionDir, 'package.json'), 'utf8')) as { main?: string };
  if (!manifest.main || !fs.existsSync(path.resolve(options.extensionDir, manifest.main))) {
    throw new Error(`${manifest.main ?? 'main'} of ${options.extensionDir} is missing: run \`npm run build\``);
  }
  if (options.phases.has('host')) checkSuitesListed();
}

/** Runs the repository's own vsce (`npx vsce ...`) in `cwd`. */
function vsce(args: readonly string[], cwd: string, timeoutMs = 180_000): Promise<string> {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  return new Promise((resolve, reject) => {
    const child = execFile(
      bin,
      args,
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`vsce ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
    child.stdin?.end(); // vsce asks questions (e.g. a missing LICENSE) on stdin: answer none, so it stops
  });
}

/** Packages the extension as the Marketplace would get it, and checks that no test output went into it. */
async function packageVsix(extensionDir: string, vsix: string): Promise<void> {
  const listing = await vsce(['ls', '--no-dependencies'], extensionDir);
  const leaked = listing
    .split('\n')
    .map((line) => line.trim())
    .filter((file) => /^(\.vscode-test-work|\.vscode-test|node_modules|out|test)\//.test(file));
  if (leaked.length) {
    throw new Error(
      `the VSIX would contain ${leaked.length} test or build files (e.g. ${leaked.slice(0, 3).join(', ')}): ` +
        'list .vscode-test-work/**, .vscode-test/**, out/**, test/** in .vscodeignore',
    );
  }
  await vsce(['package', '--no-dependencies', '-o', vsix], extensionDir);
  if (!fs.existsSync(vsix)) throw new Error(`vsce package did not write ${vsix}`);
  log(`packaged ${path.relative(ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);
}

function fromHostSuite(result: HostSuiteResult): Outcome {
  return {
    name: `host suite ${result.name}`,
    passed: result.passed,
    failed: result.failed,
    durationMs: result.durationMs,
    detail: result.failed ? result.error ?? `exit code ${result.exitCode}` : undefined,
  };
}

function fromJourney(result: JourneyResult): Outcome {
  return {
    name: `journey ${result.name}`,
    passed: result.passed ? 1 : 0,
    failed: result.passed ? 0 : 1,
    durationMs: result.durationMs,
    detail: result.error?.split('\n')[0],
  };
}

/** A fresh code-server with the journey's test-only extensions packaged and installed. */
async function startJourneyServer(journey: string, extensions: readonly string[]): Promise<CodeServer> {
  const vsixes: string[] = [];
  for (const folder of extensions) {
    const vsix = path.join(WORK_DIR, `${path.basename(folder)}.vsix`);
    if (!fs.existsSync(vsix)) await vsce(['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], folder);
    vsixes.push(vsix);
  }
  return startCodeServer({ name: `server-journey-${journey}`, workDir: WORK_DIR, installExtensions: vsixes });
}

async function runJourneys(
  runs: readonly JourneyRun[],
  browser: Browser,
  server: CodeServer,
  extensionDevelopmentPath: string | undefined,
  label: string | undefined,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const run of runs) {
    if (run.extensions) {
      outcomes.push(
        ...(await guarded(`journey ${run.journey.name}`, async () => {
          const own = await startJourneyServer(run.journey.name, run.extensions!);
          try {
            return await runJourneys([{ ...run, extensions: undefined }], browser, own, extensionDevelopmentPath, label);
          } finally {
            await own.stop();
          }
        })),
      );
      continue;
    }
    const workspace = await makeWorkspace({
      fixture: run.fixture,
      repository: run.repository,
      parentDir: path.join(WORK_DIR, 'workspaces'),
      label: `journey-${run.journey.name}${label ? `-${label}` : ''}`,
    });
    if (run.workspaceSettings) {
      fs.mkdirSync(path.join(workspace.folder, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(workspace.folder, '.vscode', 'settings.json'), JSON.stringify(await run.workspaceSettings(), null, 2));
    }
    // The remote settings of the window (code-server's Machine/settings.json): the only user-level place a remote
    // window reads `machine`-scoped settings from. From User/settings.json they are dropped once the extension's
    // settings are registered, so whether they apply there depends on timing.
    const remoteSettingsFile = path.join(server.userDataDir, 'Machine', 'settings.json');
    const prepared = run.prepare ? await run.prepare(workspace.folder) : undefined;
    const remoteSettings = { ...(run.remoteSettings ? await run.remoteSettings() : {}), ...prepared?.remoteSettings };
    const writesRemote = Object.keys(remoteSettings).length > 0;
    if (writesRemote) {
      fs.mkdirSync(path.dirname(remoteSettingsFile), { recursive: true });
      fs.writeFileSync(remoteSettingsFile, JSON.stringify(remoteSettings, null, 2));
    }
    let result: JourneyResult;
    try {
      result = await runJourney(run.journey, {
        browser,
        server,
        workspace: workspace.folder,
        readyFile: run.readyFile,
        extensionDevelopmentPath,
        screenshotDir: path.join(WORK_DIR, 'screenshots'),
        label,
      });
    } finally {
      if (writesRemote) fs.rmSync(remoteSettingsFile, { force: true });
      await prepared?.close();
    }
    outcomes.push(fromJourney(result));
  }
  return outcomes;
}

/** Runs each suite on a fresh copy of its fixture, with its workspace settings and request recorder, if any. */
async function runHostSuites(suites: readonly HostSuite[], server: CodeServer, browser: Browser, options: Options): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const suite of suites) {
    outcomes.push(
      ...(await guarded(`host suite ${suite.name}`, async () => {
        const workspace = await makeWorkspace({
          fixture: suite.fixture,
          repository: suite.repository,
          parentDir: path.join(WORK_DIR, 'workspaces'),
          label: `host-${suite.name}`,
        });
        const recorder = suite.workspaceSettings ? await startRequestRecorder() : undefined;
        try {
          if (suite.workspaceSettings && recorder) {
            fs.mkdirSync(path.join(workspace.folder, '.vscode'), { recursive: true });
            fs.writeFileSync(path.join(workspace.folder, '.vscode', 'settings.json'), JSON.stringify(suite.workspaceSettings(recorder.url), null, 2));
          }
          const result = await runHostSuite({
            name: suite.name,
            server,
            browser,
            workspace: workspace.folder,
            extensionDevelopmentPath: options.extensionDir,
            extensionTestsPath: path.resolve(ROOT, suite.index),
            screenshotDir: path.join(WORK_DIR, 'screenshots'),
            verbose: options.verbose,
          });
          const outcome = fromHostSuite(result);
          // Checked here too, after the suite: a request that came in after its last look still fails the run.
          if (recorder && recorder.requests.length > 0) {
            outcome.failed += 1;
            outcome.detail = `the workspace-chosen server received ${recorder.requests.length} request(s): ${recorder.requests.slice(0, 3).join(', ')}`;
          }
          return [outcome];
        } finally {
          await recorder?.close();
        }
      })),
    );
  }
  return outcomes;
}

/** Runs `body` and turns a thrown error into one failed outcome, so one broken phase does not hide the others. */
async function guarded(name: string, body: () => Promise<Outcome[]>): Promise<Outcome[]> {
  const startedAt = Date.now();
  try {
    return await body();
  } catch (error) {
    log(`${name} FAILED: ${errorMessage(error)}`);
    return [{ name, passed: 0, failed: 1, durationMs: Date.now() - startedAt, detail: String(error).split('\n')[0] }];
  }
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const options = parseArgs(process.argv.slice(2));
  // Everything a run writes stays in the work folder: TMPDIR is inherited by code-server, its extension
  // host and Chromium (ipc sockets, profiles).
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(WORK_DIR, 'tmp'), { recursive: true });
  process.env.TMPDIR = path.join(WORK_DIR, 'tmp');

  const outcomes: Outcome[] = [];
  try {
    preflight(options);
  } catch (error) {
    outcomes.push({ name: 'preflight', passed: 0, failed: 1, durationMs: 0, detail: String(error) });
  }

  if (outcomes.length === 0) {
    const browser = await withTimeout(launchBrowser(), 90_000, 'Chromium to start');
    try {
      const selected = options.phases.has('host') ? HOST_SUITES.filter((suite) => !options.suites || options.suites.has(suite.name)) : [];
      const trustedSuites = selected.filter((suite) => !suite.restricted);
      const restrictedSuites = selected.filter((suite) => suite.restricted);
      if (trustedSuites.length > 0 || options.phases.has('journeys')) {
        outcomes.push(
          ...(await guarded('extension-development server', async () => {
            const server = await startCodeServer({ name: 'server-dev', workDir: WORK_DIR });
            const results: Outcome[] = [];
            try {
              results.push(...(await runHostSuites(trustedSuites, server, browser, options)));
              if (options.phases.has('journeys')) {
                const chosen = options.journeys ? JOURNEYS.filter((run) => options.journeys!.has(run.journey.name)) : JOURNEYS;
                results.push(...(await runJourneys(chosen, browser, server, options.extensionDir, undefined)));
              }
            } finally {
              await server.stop();
            }
            return results;
          })),
        );
      }

      if (restrictedSuites.length > 0) {
        outcomes.push(
          ...(await guarded('Restricted Mode server', async () => {
            const server = await startCodeServer({ name: 'server-restricted', workDir: WORK_DIR, workspaceTrust: true });
            try {
              return await runHostSuites(restrictedSuites, server, browser, options);
            } finally {
              await server.stop();
            }
          })),
        );
      }

      if (options.phases.has('vsix')) {
        outcomes.push(
          ...(await guarded('packaged VSIX', async () => {
            const vsix = path.join(WORK_DIR, 'ext.vsix');
            await packageVsix(options.extensionDir, vsix);
            const server = await startCodeServer({ name: 'server-vsix', workDir: WORK_DIR, installExtensions: [vsix] });
            try {
              return await runJourneys(VSIX_JOURNEYS, browser, server, undefined, 'vsix');
            } finally {
              await server.stop();
            }
          })),
        );
      }
    } finally {
      await browser.close().catch(() => undefined);
    }
  }

  const passed = outcomes.reduce((sum, outcome) => sum + outcome.passed, 0);
  const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0);
  console.log('');
  console.log(`VS Code host summary (${elapsed(startedAt)}; screenshots and logs in ${path.relative(process.cwd(), WORK_DIR) || WORK_DIR}):`);
  for (const outcome of outcomes) {
    const status = outcome.failed ? 'FAIL' : 'ok  ';
    const detail = outcome.detail ? ` - ${outcome.detail}` : '';
    console.log(`  ${status} ${outcome.name}: ${outcome.passed} passed, ${outcome.failed} failed (${(outcome.durationMs / 1000).toFixed(1)}s)${detail}`);
  }
  if (outcomes.length === 0) console.log('  nothing ran');
  console.log(`host: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    process.exit(130); // the exit handler in server.ts stops every server's process group
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(errorMessage(error));
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  },
);
