// Runs a compiled mocha suite INSIDE code-server's extension host, through VS Code's browser test protocol:
// the workbench URL carries a payload with extensionDevelopmentPath and extensionTestsPath (vscode-remote://
// URIs), the extension host loads the suite index and calls its run(), and the workbench reports the result to
// window.codeAutomationExit(code) and every log line (mocha's reporter included) to window.codeAutomationLog.
// The server must run with --vscode-option enable-smoke-test-driver, or the payload is silently ignored.
import * as path from 'path';
import * as util from 'util';
import { Browser } from 'playwright-core';
import { newPageSession, screenshot } from './browser';
import { CodeServer } from './server';
import { elapsed, errorMessage, log, slug, withTimeout } from './util';

/** The line test/integration/index.ts prints when mocha ends: the counts, as JSON. */
export const RESULT_MARKER = '##host-suite-result ';

export interface HostSuiteCounts {
  passed: number;
  failed: number;
  pending: number;
}

export interface HostSuiteOptions {
  name: string;
  server: CodeServer;
  browser: Browser;
  /** The folder the workbench opens. */
  workspace: string;
  /** The extension under test (a folder with package.json). */
  extensionDevelopmentPath: string;
  /** The compiled suite index (exports run()), with or without `.js`. */
  extensionTestsPath: string;
  screenshotDir: string;
  /** Default 15 minutes, or HOST_SUITE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Print every workbench log line, not only the test output. */
  verbose?: boolean;
}

export interface HostSuiteResult extends HostSuiteCounts {
  name: string;
  /** The code given to codeAutomationExit, or undefined when it never came. */
  exitCode: number | undefined;
  durationMs: number;
  /** Set when the suite could not run or did not finish. */
  error?: string;
  screenshot?: string;
  output: string[];
}

// Workbench chatter that says nothing about the tests (see "Noise to ignore" in shared/vscode-host.md).
const NOISE = new RegExp(
  [
    'open-vsx\\.org', 'ENOTFOUND', 'Creating a socket', 'connection token', 'OverlayWebview', 'vsda', 'telemetry',
    '^Canceled: ', 'Updating additional builtin extensions cache',
    '^\\[(reconnection-grace-time|Service Worker|AgentHost[^\\]]*|AccountPolicyGate|lifecycle)\\]',
  ].join('|'),
);

/** Counts from the suite's own result line, else from mocha's "N passing / N failing" summary. */
export function parseCounts(lines: readonly string[]): HostSuiteCounts | undefined {
  for (const line of lines) {
    const at = line.indexOf(RESULT_MARKER);
    if (at >= 0) {
      try {
        const value = JSON.parse(line.slice(at + RESULT_MARKER.length)) as Partial<HostSuiteCounts>;
        return { passed: Number(value.passed ?? 0), failed: Number(value.failed ?? 0), pending: Number(value.pending ?? 0) };
      } catch {
        // fall through to the reporter summary
      }
    }
  }
  const count = (word: string): number | undefined => {
    for (const line of lines) {
      const match = new RegExp(`^\\s*(\\d+) ${word}\\b`).exec(line);
      if (match) return Number(match[1]);
    }
    return undefined;
  };
  const passed = count('passing');
  const failed = count('failing');
  if (passed === undefined && failed === undefined) return undefined;
  return { passed: passed ?? 0, failed: failed ?? 0, pending: count('pending') ?? 0 };
}

export async function runHostSuite(options: HostSuiteOptions): Promise<HostSuiteResult> {
  const startedAt = Date.now();
  // mocha's own timeout (60 s a test) catches a hung test; this one catches a suite that never reports back
  const timeoutMs = options.timeoutMs ?? Number(process.env.HOST_SUITE_TIMEOUT_MS ?? 900_000);
  const output: string[] = [];
  const session = await newPageSession(options.browser);
  const { page } = session;
  let exitCode: number | undefined;
  let error: string | undefined;
  let shot: string | undefined;
  try {
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    let finished = false; // after the exit code, the workbench only logs its own shutdown
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      finished = true;
      reportExit(Number(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
      const parts = Array.isArray(args) ? args : [args];
      const lines = util.format(...parts).split('\n');
      output.push(...lines);
      if (lines.some((line) => line.includes(RESULT_MARKER))) return;
      // a message is noise as a whole (with its stack) when its first line is
      if (options.verbose || (!finished && !NOISE.test(lines[0]))) {
        for (const line of lines) console.log(`  ${line}`);
      }
    });
    if (options.verbose) page.on('console', (message) => console.log(`  [console] ${message.text()}`));

    const testsPath = options.extensionTestsPath.replace(/\.js$/, '');
    const url = options.server.workbenchUrl(options.workspace, [
      ['extensionDevelopmentPath', options.server.remoteUri(options.extensionDevelopmentPath)],
      ['extensionTestsPath', options.server.remoteUri(testsPath)],
      ['skipWelcome', 'true'],
    ]);
    log(`host suite ${options.name}: ${path.relative(process.cwd(), testsPath)} on ${options.workspace}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    exitCode = await withTimeout(exited, timeoutMs, `codeAutomationExit from host suite ${options.name}`);
  } catch (caught) {
    error = errorMessage(caught);
  }
  const counts = parseCounts(output);
  if (error || exitCode !== 0) {
    shot = await screenshot(page, path.join(options.screenshotDir, `host-${slug(options.name)}-failure.png`));
  }
  await session.close();
  const result: HostSuiteResult = {
    name: options.name,
    exitCode,
    durationMs: Date.now() - startedAt,
    passed: counts?.passed ?? 0,
    // a suite that failed without reporting a failing test (crash, timeout, load error) still counts as one
    failed: Math.max(counts?.failed ?? 0, error || exitCode !== 0 ? 1 : 0),
    pending: counts?.pending ?? 0,
    error,
    screenshot: shot,
    output,
  };
  const status = error ?? `exit code ${exitCode}`;
  log(`host suite ${options.name}: ${result.passed} passed, ${result.failed} failed (${status}) in ${elapsed(startedAt)}`);
  if (result.failed > 0) {
    if (shot) log(`  screenshot: ${shot}`);
    log(`  server log: ${options.server.logFile}`);
  }
  return result;
}
