// Browser journeys through the real workbench, run by test/harness/run.ts against code-server:
// - generate-workflow: the main path a person takes, from the Command Palette to an open release.yml;
// - workflow-checks: a workflow with a known problem gets a squiggle and a Problems row, and its quick fix clears it;
// - smoke: the palette knows the extension and its log opens (also run against the packaged VSIX).
import { Browser } from 'playwright-core';
import * as path from 'path';
import { newPageSession } from '../harness/browser';
import { CodeServer } from '../harness/server';
import { elapsed, errorMessage, log, withTimeout } from '../harness/util';
import { Workbench } from './workbench';

const CATEGORY = 'PyPI Trusted Publishing';

export interface Journey {
  readonly name: string;
  /** Steps after the workbench is ready on the fixture workspace. */
  run(workbench: Workbench): Promise<void>;
}

export const generateWorkflowJourney: Journey = {
  name: 'generate-workflow',
  async run(wb) {
    await wb.step('run Generate Release Workflow', () =>
      wb.runCommandUntil(
        `${CATEGORY}: Generate Release Workflow`,
        async () => (await wb.firstQuickPickLabel())?.startsWith('Generate') === true,
        { what: 'quick pick starting with "Generate"', attemptTimeoutMs: 20_000 },
      ),
    );
    await wb.step('accept the Generate item', () => wb.acceptFirstQuickPickItem('Generate'));
    await wb.step('accept the Write item', () => wb.acceptFirstQuickPickItem('Write'));
    await wb.step('release.yml in the Explorer', () => wb.revealExplorerRow('release.yml', ['.github', 'workflows']));
    await wb.step('release.yml open with the publish action', async () => {
      await wb.expectSavedFileEditor(['.github', 'workflows', 'release.yml']);
      await wb.expectEditorText('release.yml', 'pypa/gh-action-pypi-publish');
    });
    await wb.finalScreenshot();
    wb.readmeScreenshot(wb.lastScreenshot, 'generate.png');
  },
};

/** Runs on the fixture workspace publish-problems: its publish.yml says `python-version: 3.10` (a YAML float). */
export const workflowChecksJourney: Journey = {
  name: 'workflow-checks',
  async run(wb) {
    const rule = 'float-python-version';
    await wb.step('open publish.yml with Quick Open', () => wb.quickOpenFile(['.github', 'workflows', 'publish.yml']));
    await wb.step('an error squiggle in the editor', () => wb.expectSquiggle('error'));
    await wb.step(`the Problems panel lists ${rule}`, async () => {
      await wb.openProblems();
      await wb.expectProblem(['trusted-publishing', rule]);
      await wb.expectSquiggle('error'); // still in view with the panel open: the README screenshot shows both
    });
    wb.readmeScreenshot(wb.lastScreenshot, 'checks.png');
    await wb.step("apply the quick fix Quote the version: '3.10'", async () => {
      // a click into the line, not a double-click on the Problems row: that leaves the focus in the panel
      await wb.clickEditorText('publish.yml', 'python-version: 3.10', '3.10');
      await wb.applyQuickFix("Quote the version: '3.10'");
    });
    await wb.step('the version is quoted', () => wb.expectEditorText('publish.yml', "python-version: '3.10'  # oldest supported"));
    await wb.step(`the ${rule} problem is gone`, () => wb.expectNoProblem(rule));
    await wb.finalScreenshot();
  },
};

export const smokeJourney: Journey = {
  name: 'smoke',
  async run(wb) {
    await wb.step('Show Log opens the Output panel on the log', () =>
      wb.runCommandUntil(`${CATEGORY}: Show Log`, () => wb.outputChannelShown(CATEGORY), {
        what: `Output panel on "${CATEGORY}"`,
      }),
    );
  },
};

/** What a journey's `prepare` (test/harness/run.ts) set up: settings for this journey, and what to close after it. */
export interface PreparedJourney {
  /** Written to the server's remote settings, where `machine`-scoped settings (the PyPI and GitHub URLs) apply. */
  remoteSettings: Record<string, unknown>;
  close(): Promise<void>;
}

export interface JourneyOptions {
  browser: Browser;
  server: CodeServer;
  /** The fixture workspace folder to open. */
  workspace: string;
  /** An Explorer row that proves the workspace is open, e.g. `pyproject.toml`. */
  readyFile: string;
  /** Load the extension from this folder (test payload); omit when the server has it installed. */
  extensionDevelopmentPath?: string;
  screenshotDir: string;
  /** A label to tell runs of the same journey apart, e.g. `vsix`. */
  label?: string;
  timeoutMs?: number;
}

export interface JourneyResult {
  name: string;
  passed: boolean;
  durationMs: number;
  error?: string;
  screenshot?: string;
}

export async function runJourney(journey: Journey, options: JourneyOptions): Promise<JourneyResult> {
  const name = options.label ? `${journey.name} (${options.label})` : journey.name;
  const startedAt = Date.now();
  const session = await newPageSession(options.browser);
  const wb = new Workbench(session.page, options.screenshotDir, options.label ? `${journey.name}-${options.label}` : journey.name, {
    // README screenshots come from runs of the dev extension only
    updateReadmeScreenshots: process.env.UPDATE_SCREENSHOTS === '1' && !options.label,
  });
  const payload: Array<[string, string]> = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath) {
    payload.unshift(['extensionDevelopmentPath', options.server.remoteUri(options.extensionDevelopmentPath)]);
  }
  log(`journey ${name} on ${options.workspace}`);
  let result: JourneyResult;
  try {
    await withTimeout(
      (async () => {
        await wb.step('workbench ready', () =>
          wb.open(options.server.workbenchUrl(options.workspace, payload), options.readyFile),
        );
        await journey.run(wb);
      })(),
      options.timeoutMs ?? 240_000,
      `journey ${name}`,
    );
    result = { name, passed: true, durationMs: Date.now() - startedAt };
  } catch (error) {
    const shot = await wb.screenshot('failure');
    result = { name, passed: false, durationMs: Date.now() - startedAt, error: errorMessage(error), screenshot: shot };
    log(`journey ${name} FAILED: ${errorMessage(error)}`);
    try {
      // the extension's error messages end up here (toasts are hidden by the smoke-test driver)
      const messages = await withTimeout(wb.notifications(10_000), 20_000, 'the Notification Center');
      log(`  notifications: ${messages.length ? messages.join(' | ') : 'none'}`);
    } catch {
      // the report below is enough
    }
    if (session.pageErrors.length) log(`  page errors: ${session.pageErrors.slice(0, 5).join(' | ')}`);
    if (shot) log(`  screenshot: ${shot}`);
    log(`  server log: ${options.server.logFile}`);
    log(`  screenshots of each step: ${path.join(options.screenshotDir, `${journey.name}*`)}`);
  } finally {
    await session.close();
  }
  log(`journey ${name}: ${result.passed ? 'passed' : 'failed'} in ${elapsed(startedAt)}`);
  return result;
}
