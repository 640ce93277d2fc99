// "Diagnose Failed Release", as a person uses it: the Command Palette, the panel, a pasted job log, the diagnosis
// with the values to register, and a copy button. Runs on publish-problems (its publish.yml publishes with trusted
// publishing, environment pypi); PyPI is unreachable here, so PyPI's side of the publisher is unknown.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../harness/util';
import type { Journey } from './journey.e2e';
import { WebviewFrame } from './webview';

const CATEGORY = 'PyPI Trusted Publishing';

export const diagnoseJourney: Journey = {
  name: 'diagnose',
  async run(wb) {
    const panel = new WebviewFrame(wb.page);
    // uv's refusal as a run of this repository would print it: environment release, where publish.yml says pypi.
    const log = fs
      .readFileSync(path.join(ROOT, 'test', 'fixtures', 'diagnose', 'invalid-publisher-uv.log'), 'utf8')
      .replace(/bosprimigenious\/continuum/g, 'Example-Org/publish-problems')
      .replace(/bosprimigenious/g, 'Example-Org');

    await wb.step('run Diagnose Failed Release', () =>
      wb.runCommandUntil(
        `${CATEGORY}: Diagnose Failed Release`,
        async () => {
          try {
            await panel.expectText('#sources-title', 'The log of the failed job', 2_000);
            return true;
          } catch {
            return false;
          }
        },
        { what: 'the Diagnose Failed Release panel', attemptTimeoutMs: 30_000 },
      ),
    );
    await wb.step('paste the failed job log', async () => {
      await panel.locator('#log-text').fill(log, { timeout: 10_000 });
      await panel.click('#diagnose-text');
    });
    await wb.step('the diagnosis names the failure and the values to register', async () => {
      await panel.expectText('#d0-title', 'No trusted publisher matches this run');
      await panel.expectText('#d0-summary', 'register exactly these values');
      await panel.expectText('#d0-differences', /environment\s*release\s*pypi/);
      await panel.expectText('#d0-values', 'publish.yml');
      await panel.expectText('#d0-values', 'release');
    });
    wb.readmeScreenshot(wb.lastScreenshot, 'diagnose.png');
    await wb.step('copy the Workflow name', async () => {
      await panel.click('[aria-label="Copy Workflow name"]');
      await panel.expectText('#notice', 'Copied Workflow name: publish.yml');
    });
    await wb.finalScreenshot();
  },
};
