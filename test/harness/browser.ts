// Debian's Chromium driven by playwright-core (which never downloads a browser of its own).
import * as fs from 'fs';
import * as path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { CHROMIUM, log } from './util';

export const VIEWPORT = { width: 1400, height: 900 } as const;

export async function launchBrowser(timeoutMs = 60_000): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/vscode-host/setup.sh\` (apt package chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: timeoutMs,
    // no --user-data-dir: launch() makes a fresh profile and rejects that flag
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors of the workbench page, for the failure report. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh browser context (no shared storage between suites) with one page. */
export async function newPageSession(browser: Browser, defaultTimeoutMs = 30_000): Promise<PageSession> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(defaultTimeoutMs);
  context.setDefaultNavigationTimeout(defaultTimeoutMs);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close().catch(() => undefined);
    },
  };
}

/** Saves a full-window screenshot; never throws (a failed screenshot must not hide the real failure). */
export async function screenshot(page: Page, file: string): Promise<string | undefined> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch (error) {
    log(`screenshot ${file} failed: ${String(error)}`);
    return undefined;
  }
}
