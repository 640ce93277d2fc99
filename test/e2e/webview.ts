// Helpers for a webview inside the workbench (Code 1.139 DOM): the content sits two iframes deep, in
// `iframe.webview.ready` > `iframe#active-frame`. Every wait has a deadline.
import { FrameLocator, Locator, Page } from 'playwright-core';
import { poll } from '../harness/util';

export class WebviewFrame {
  readonly frame: FrameLocator;

  constructor(readonly page: Page) {
    this.frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  locator(selector: string): Locator {
    return this.frame.locator(selector);
  }

  /** Waits until `selector` shows text containing `text` (a string or a pattern); returns the text. */
  async expectText(selector: string, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    let seen = '';
    return poll(
      async () => {
        const element = this.frame.locator(selector).first();
        if (!(await element.isVisible())) return undefined;
        seen = ((await element.textContent({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim();
        return (typeof text === 'string' ? seen.includes(text) : text.test(seen)) ? seen : undefined;
      },
      { what: () => `webview ${selector} with "${String(text)}" (shows: ${seen || 'nothing'})`, timeoutMs },
    );
  }

  /** Waits for the step heading of the wizard. */
  expectStep(heading: string | RegExp, timeoutMs = 30_000): Promise<string> {
    return this.expectText('#step-title', heading, timeoutMs);
  }

  /** Clicks an enabled button (by CSS selector) once it shows. */
  async click(selector: string, timeoutMs = 30_000): Promise<void> {
    const button = this.frame.locator(selector).first();
    await poll(async () => ((await button.isVisible()) && (await button.isEnabled()) ? true : undefined), {
      what: `an enabled ${selector} in the webview`,
      timeoutMs,
    });
    await button.click({ timeout: 5_000 });
  }

  /** Presses a key with the focus on `selector`, as a keyboard user does. */
  async press(selector: string, key: string, timeoutMs = 30_000): Promise<void> {
    const element = this.frame.locator(selector).first();
    await poll(async () => ((await element.isVisible()) && (await element.isEnabled()) ? true : undefined), {
      what: `an enabled ${selector} in the webview`,
      timeoutMs,
    });
    await element.focus({ timeout: 5_000 });
    await element.press(key, { timeout: 5_000 });
  }
}
