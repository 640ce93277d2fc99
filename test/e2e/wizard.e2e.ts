// The Set Up Trusted Publishing wizard, as a person goes through it: the Command Palette, then the webview's
// Detect, Choose, Review, Write and PyPI steps. PyPI is unreachable here (the run points trustedPublishing.pypiUrl
// at a closed local port), so the PyPI step must say so and offer both pages.
import type { Page } from 'playwright-core';
import { poll } from '../harness/util';
import type { Journey } from './journey.e2e';
import { WebviewFrame } from './webview';

const CATEGORY = 'PyPI Trusted Publishing';

/** Runs "Developer: Reload Window" and waits for the new page to load (the palette helper would wait on the old one). */
async function reloadWindow(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: /^\s*Developer: Reload Window\s*$/ }) })
    .first();
  await poll(
    async () => {
      if (!(await input.isVisible())) await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill('>Developer: Reload Window');
      try {
        await row.waitFor({ state: 'visible', timeout: 2_000 });
        return true;
      } catch {
        await page.keyboard.press('Escape');
        return undefined;
      }
    },
    { what: 'the palette row "Developer: Reload Window"', timeoutMs: 30_000, intervalMs: 250 },
  );
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  await row.click({ timeout: 5_000 });
  await loaded;
}

export const wizardJourney: Journey = {
  name: 'wizard',
  async run(wb) {
    const wizard = new WebviewFrame(wb.page);
    // Each step's own screenshot (taken once the step's content shows) also goes to the README when asked.
    const readme = (name: string) => wb.readmeScreenshot(wb.lastScreenshot, `wizard-${name}.png`);

    await wb.step('Detect: run Set Up Trusted Publishing', async () => {
      await wb.runCommandUntil(
        `${CATEGORY}: Set Up Trusted Publishing`,
        async () => {
          try {
            await wizard.expectStep('What the wizard found', 2_000);
            return true;
          } catch {
            return false;
          }
        },
        { what: 'the wizard panel', attemptTimeoutMs: 30_000 },
      );
      await wizard.expectText('.step', 'hello-pypi');
      await wizard.expectText('.step', 'Example-Org/Hello-PyPI');
    });
    readme('detect');

    await wb.step('Next: Choose', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Choose how to publish');
      await wizard.expectText('legend', 'Where to publish');
    });
    readme('choose');

    await wb.step('Next: Review, with the keyboard', async () => {
      await wizard.press('#nav-next', 'Enter');
      await wizard.expectStep('Review the workflow');
      await wizard.expectText('#yaml', 'pypa/gh-action-pypi-publish');
    });
    readme('review');

    await wb.step('Next: Write, then write release.yml', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Write the workflow');
      await wizard.click('#write-button');
      await wizard.expectText('#write-result', 'Wrote .github/workflows/release.yml');
      // The file opens beside the wizard, which keeps the focus: its tab shows, saved.
      await poll(async () => {
        const tab = wb.editorTab('release.yml');
        return (await tab.isVisible()) && !(await tab.getAttribute('class'))?.split(/\s+/).includes('dirty') ? true : undefined;
      }, { what: 'a saved release.yml tab beside the wizard', timeoutMs: 30_000 });
    });
    readme('write');

    await wb.step('Next: PyPI, which cannot be reached', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Register the publisher on PyPI');
      // The local closed port stands in for PyPI: the message names it, not pypi.org.
      await wizard.expectText('#pypi-status-pypi', /Could not check whether hello-pypi is on PyPI: Could not reach 127\.0\.0\.1:\d+/);
      await wizard.expectText('#link-pypi-0', 'Open PyPI publishing settings of hello-pypi');
      await wizard.expectText('#link-pypi-1', 'Open PyPI pending publishers');
      await wizard.expectText('.values', 'Example-Org');
      await wizard.expectText('.values', 'release.yml');
    });
    readme('pypi');

    await wb.step('after a reload the wizard is back on the same step', async () => {
      // As a person does, from the palette: the command lets the workbench store its state before the page goes.
      await reloadWindow(wb.page);
      await wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await wizard.expectStep('Register the publisher on PyPI', 60_000);
      await wizard.expectText('#pypi-status-pypi', 'Could not check whether hello-pypi is on PyPI');
    });

    await wb.step('Next: GitHub, optional', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Protect the environment on GitHub');
      await wizard.expectText('#sign-in', 'Sign in to GitHub');
    });

    await wb.step('Next: Done, with what is left', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Done');
      await wizard.expectText('.checklist', 'Register the trusted publisher on PyPI');
      await wizard.expectText('.step', 'Create a GitHub release with tag v0.1.0');
    });
    readme('done');
  },
};

/**
 * The wizard on Flask's own files (fixture flask-publish): the repository already publishes with trusted publishing,
 * so the wizard checks and registers publish.yaml instead of writing release.yml.
 */
export const existingWorkflowJourney: Journey = {
  name: 'wizard-existing',
  async run(wb) {
    const wizard = new WebviewFrame(wb.page);

    await wb.step('Detect: publish.yaml already publishes with trusted publishing', async () => {
      await wb.runCommandUntil(
        `${CATEGORY}: Set Up Trusted Publishing`,
        async () => {
          try {
            await wizard.expectStep('What the wizard found', 2_000);
            return true;
          } catch {
            return false;
          }
        },
        { what: 'the wizard panel', attemptTimeoutMs: 30_000 },
      );
      await wizard.expectText('#workflow-0', "publish.yaml publishes to PyPI with trusted publishing, environment publish (job 'publish-pypi')");
      await wizard.expectText('#keep-selected-0', 'the wizard checks publish.yaml and registers it on PyPI');
      await wizard.expectText('#nav-next', 'Next: Check');
    });

    await wb.step('Check: the findings, and a fix applied from the wizard', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Check the workflow');
      await wizard.expectText('#findings', 'checkout-persists-credentials');
      await wizard.click('#fix-0');
      await wizard.expectText('#notice', 'done in .github/workflows/publish.yaml');
      await poll(async () => ((await wizard.locator('#findings').textContent())?.includes('checkout-persists-credentials') ? undefined : true), {
        what: 'the fixed finding to leave the list',
        timeoutMs: 30_000,
      });
    });

    await wb.step('PyPI: the values are publish.yaml and publish, with where they come from', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Register the publisher on PyPI');
      await wizard.expectText('#source-pypi', "from .github/workflows/publish.yaml, job 'publish-pypi'");
      await wizard.expectText('#source-testpypi', "from .github/workflows/publish.yaml, job 'publish-pypi'");
      // The run points both indexes at a closed local port (remote settings): the status names it, not pypi.org.
      await wizard.expectText('#pypi-status-pypi', /Could not reach 127\.0\.0\.1:\d+/);
      await wizard.expectText('#pypi-status-testpypi', /Could not reach 127\.0\.0\.1:\d+/);
      await wizard.expectText('.values', 'publish.yaml');
      await wizard.click('#copy-pypi-workflow');
      // The button answers for itself; a browser that refuses the clipboard gets a message instead.
      await poll(
        async () => {
          const label = (await wizard.locator('#copy-pypi-workflow').textContent()) ?? '';
          const refused = (await wizard.locator('#notice').count()) > 0 && /Could not copy/.test((await wizard.locator('#notice').textContent()) ?? '');
          return label.includes('Copied') || refused ? true : undefined;
        },
        { what: '"Copied" on the button (or a message that the browser refused)', timeoutMs: 30_000 },
      );
    });

    await wb.step('GitHub, then Done: the kept workflow and the first tag from the static version', async () => {
      await wizard.click('#nav-next');
      await wizard.expectStep('Protect the environment on GitHub');
      await wizard.expectText('.step', 'The workflow runs its upload in the environment publish');
      await wizard.click('#nav-next');
      await wizard.expectStep('Done');
      await wizard.expectText('.checklist', '.github/workflows/publish.yaml publishes with trusted publishing');
      await wizard.expectText('.step', 'git tag v3.0.0');
    });
  },
};

/**
 * A workspace with structlog's publishing workflow and no pyproject.toml (fixture structlog-workflows): Detect still
 * shows the repository and what the workflow publishes, and says what the extension needs.
 */
export const noPyprojectJourney: Journey = {
  name: 'wizard-no-pyproject',
  async run(wb) {
    const wizard = new WebviewFrame(wb.page);
    await wb.step('Detect without pyproject.toml: the repository and its workflow', async () => {
      await wb.runCommandUntil(
        `${CATEGORY}: Set Up Trusted Publishing`,
        async () => {
          try {
            await wizard.expectStep('What the wizard found', 2_000);
            return true;
          } catch {
            return false;
          }
        },
        { what: 'the wizard panel', attemptTimeoutMs: 30_000 },
      );
      await wizard.expectText('.step', 'No pyproject.toml in this workspace. The extension reads');
      await wizard.expectText('.step', 'hynek/structlog');
      await wizard.expectText('#workflow-0', "pypi-package.yml publishes to PyPI with trusted publishing, environment release-pypi (job 'release-pypi')");
      await wizard.expectText('#workflow-0', "pypi-package.yml publishes to TestPyPI with trusted publishing, environment release-test-pypi (job 'release-test-pypi')");
    });
  },
};
