// Helpers that drive the VS Code web workbench (Code 1.139 DOM) the way a person does: the Command Palette,
// quick picks, the Explorer, editor tabs, the Output panel and the Notification Center. Every wait has a
// deadline; nothing sleeps a fixed time.
import * as path from 'path';
import { Locator, Page } from 'playwright-core';
import { screenshot } from '../harness/browser';
import { log, poll, slug } from '../harness/util';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .monaco-list-row`;
const EXPLORER_ROWS = '.explorer-folders-view .monaco-list-row';

/** A regular expression that matches `text` exactly. */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export class Workbench {
  private shots = 0;

  constructor(
    readonly page: Page,
    /** Screenshots go here, named `<journey>-<nn>-<step>.png`. */
    readonly screenshotDir: string,
    readonly journey: string,
  ) {}

  /** Saves a numbered screenshot of the whole window. */
  async screenshot(step: string): Promise<string | undefined> {
    this.shots += 1;
    const name = `${slug(this.journey)}-${String(this.shots).padStart(2, '0')}-${slug(step)}.png`;
    return screenshot(this.page, path.join(this.screenshotDir, name));
  }

  /** Runs one named step of a journey, logs it, and takes a screenshot after it. */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    const startedAt = Date.now();
    const value = await action();
    log(`  ${this.journey}: ${name} (${Date.now() - startedAt} ms)`);
    await this.screenshot(name);
    return value;
  }

  /** Opens `url` and waits for the workbench and an Explorer row `readyFile`: the remote host is then up. */
  async open(url: string, readyFile: string, timeoutMs = 90_000): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.explorerRow(readyFile).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The Explorer row whose name is exactly `name`. */
  explorerRow(name: string): Locator {
    return this.page
      .locator(EXPLORER_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) })
      .first();
  }

  /**
   * Waits for an Explorer row `name`. When the Explorer does not reveal it by itself, expands the collapsed
   * folders in `parents` (compact folders such as `.github/workflows` expand with their first segment).
   */
  async revealExplorerRow(name: string, parents: readonly string[], timeoutMs = 30_000): Promise<Locator> {
    const row = this.explorerRow(name);
    await poll(
      async () => {
        if (await row.isVisible()) return true;
        for (const parent of parents) {
          const folder = this.page
            .locator(`${EXPLORER_ROWS}[aria-expanded="false"]`)
            .filter({ has: this.page.locator('.label-name', { hasText: exactly(parent) }) })
            .first();
          if (await folder.isVisible()) {
            await folder.click({ timeout: 5_000 });
            break;
          }
        }
        return undefined;
      },
      { what: `Explorer row ${name}`, timeoutMs, intervalMs: 250 },
    );
    return row;
  }

  /**
   * Runs a command from the Command Palette by its full title ("Category: Title"). A contributed command
   * appears only once the extension host has registered it, and the palette snapshots the list when it
   * opens, so this reopens the palette until the row shows up or the deadline passes.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const input = this.page.locator(QUICK_INPUT_BOX);
    const row = this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first();
    await poll(
      async () => {
        if (!(await input.isVisible())) await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(`>${title}`);
        try {
          await row.waitFor({ state: 'visible', timeout: 2_000 });
          return true;
        } catch {
          await this.page.keyboard.press('Escape'); // closes the palette so the next F1 takes a fresh command list
          return undefined;
        }
      },
      { what: `Command Palette row "${title}"`, timeoutMs, intervalMs: 250 },
    );
    if ((await row.getAttribute('class'))?.split(/\s+/).includes('focused')) await this.page.keyboard.press('Enter');
    else await row.click({ timeout: 5_000 });
    // The palette is done when it closes or when the command shows its own quick input (no '>' prefix).
    await poll(
      async () => {
        if (!(await input.isVisible())) return true;
        return (await input.inputValue()).startsWith('>') ? undefined : true;
      },
      { what: `the Command Palette to run "${title}"`, timeoutMs: 10_000, intervalMs: 100 },
    );
  }

  /**
   * Runs a command, then waits up to `attemptTimeoutMs` for `done`; runs it again when it is not, until
   * `timeoutMs`. For a command run the moment the extension activates: rarely its first effect is lost
   * (seen once in a few dozen runs with Show Log), and a person would run it again too. Retries are logged.
   */
  async runCommandUntil(
    title: string,
    done: () => Promise<boolean>,
    options: { what: string; attemptTimeoutMs?: number; timeoutMs?: number },
  ): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (let attempt = 1; ; attempt++) {
      await this.runCommand(title, Math.max(5_000, deadline - Date.now()));
      try {
        await poll(async () => ((await done()) ? true : undefined), {
          what: `${options.what} after "${title}"`,
          timeoutMs: Math.max(1_000, Math.min(options.attemptTimeoutMs ?? 10_000, deadline - Date.now())),
        });
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        log(`  ${this.journey}: no ${options.what} after "${title}" (attempt ${attempt}); running it again`);
      }
    }
  }

  /** The label of the first quick pick row, or undefined when no quick pick shows. */
  async firstQuickPickLabel(): Promise<string | undefined> {
    const first = this.page.locator(`${QUICK_INPUT_ROWS}[data-index="0"]`).first();
    if (!(await this.page.locator(QUICK_INPUT).isVisible()) || !(await first.isVisible())) return undefined;
    const label = first.locator('.quick-input-list-row .label-name').first();
    return (await label.textContent({ timeout: 2_000 }))?.trim();
  }

  /**
   * Waits for a quick pick whose FIRST item starts with `prefix` and accepts that item with Enter.
   * Returns the item's label.
   */
  async acceptFirstQuickPickItem(prefix: string, timeoutMs = 30_000): Promise<string> {
    let seen: string | undefined;
    const label = await poll(
      async () => {
        seen = await this.firstQuickPickLabel();
        return seen?.startsWith(prefix) ? seen : undefined;
      },
      { what: () => `a quick pick whose first item starts with "${prefix}" (last first item: ${seen ?? 'none'})`, timeoutMs },
    );
    const first = this.page.locator(`${QUICK_INPUT_ROWS}[data-index="0"]`).first();
    if ((await first.getAttribute('class'))?.split(/\s+/).includes('focused')) {
      await this.page.locator(QUICK_INPUT_BOX).focus();
      await this.page.keyboard.press('Enter');
    } else {
      await first.click({ timeout: 5_000 }); // the focus moved elsewhere: a click accepts the item as well
    }
    // accepted when the quick pick closes or shows something else
    await poll(async () => ((await this.firstQuickPickLabel()) === label ? undefined : true), {
      what: `the quick pick to accept "${label}"`,
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    return label;
  }

  /** The editor tab of the file `name` (e.g. `release.yml`). */
  editorTab(name: string): Locator {
    return this.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first();
  }

  /**
   * Checks that the active editor contains `text`: searches with the Find widget, which also scrolls the
   * match into view (the editor renders only the visible lines), then checks the rendered line.
   */
  async expectEditorText(tabName: string, text: string, timeoutMs = 30_000): Promise<void> {
    const tab = this.editorTab(tabName);
    await tab.waitFor({ state: 'visible', timeout: timeoutMs });
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    const visibleLine = editor.locator('.view-lines .view-line', { hasText: text }).first();
    if (await visibleLine.isVisible()) return;
    await tab.click({ timeout: 5_000 }); // focuses the editor
    await this.page.keyboard.press('Control+f');
    const findInput = editor.locator('.find-widget textarea, .find-widget input').first();
    await findInput.waitFor({ state: 'visible', timeout: 10_000 });
    await findInput.fill(text);
    const count = editor.locator('.find-widget .matchesCount');
    await poll(
      async () => {
        const value = (await count.textContent())?.trim() ?? '';
        return /^\d+ of \d+$/.test(value) ? value : undefined;
      },
      { what: `"${text}" in the editor of ${tabName} (Find widget)`, timeoutMs },
    );
    await visibleLine.waitFor({ state: 'visible', timeout: 10_000 });
    await this.page.keyboard.press('Escape');
  }

  /**
   * Waits until the active editor shows the saved workspace file `segments` (e.g. ['.github', 'workflows',
   * 'release.yml']): its breadcrumbs name that path and its tab is not dirty. A preview of the same name
   * (an untitled or virtual document) does not pass.
   */
  async expectSavedFileEditor(segments: readonly string[], timeoutMs = 30_000): Promise<void> {
    const name = segments[segments.length - 1];
    const tab = this.editorTab(name);
    const crumbs = this.page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item');
    let seen: string[] = [];
    await poll(
      async () => {
        seen = (await crumbs.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
        const path = seen.slice(0, segments.length);
        const matches = path.length === segments.length && path.every((crumb, i) => crumb === segments[i]);
        const dirty = (await tab.getAttribute('class'))?.split(/\s+/).includes('dirty');
        return matches && dirty === false ? true : undefined;
      },
      { what: () => `a saved editor of ${segments.join('/')} (breadcrumbs: ${seen.join(' > ') || 'none'})`, timeoutMs },
    );
  }

  /** Whether the Output panel is open on the channel `name`. */
  async outputChannelShown(name: string): Promise<boolean> {
    const select = this.page.locator('.part.panel select.monaco-select-box[aria-label="Switch Output"]').first();
    return (await select.isVisible()) && (await select.inputValue({ timeout: 2_000 })) === name;
  }

  /** Waits until the Output panel shows the channel `name`. */
  async expectOutputChannel(name: string, timeoutMs = 30_000): Promise<void> {
    await poll(async () => ((await this.outputChannelShown(name)) ? true : undefined), {
      what: `the Output panel to show the channel "${name}"`,
      timeoutMs,
    });
  }

  /**
   * The messages in the Notification Center. With the smoke-test driver on (needed for the test payload)
   * toasts are not rendered, so the Notification Center is the only place to read them.
   */
  async notifications(timeoutMs = 20_000): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications', timeoutMs);
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible', timeout: timeoutMs });
    const texts = await center.locator('.notification-list-item').allInnerTexts();
    await this.runCommand('Notifications: Hide Notifications', timeoutMs);
    return texts.map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Waits for a notification that contains `text`; returns its text. */
  async expectNotification(text: string, timeoutMs = 30_000): Promise<string> {
    return poll(async () => (await this.notifications(10_000)).find((message) => message.includes(text)), {
      what: `a notification containing "${text}"`,
      timeoutMs,
      intervalMs: 500,
    });
  }
}
