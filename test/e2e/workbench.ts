// Helpers that drive the VS Code web workbench (Code 1.139 DOM) the way a person does: the Command Palette,
// quick picks, Quick Open, the Explorer, editor tabs, squiggles and quick fixes, the Problems and Output panels
// and the Notification Center. Every wait has a deadline; nothing sleeps a fixed time.
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from 'playwright-core';
import { screenshot } from '../harness/browser';
import { ROOT, log, poll, slug } from '../harness/util';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .monaco-list-row`;
const EXPLORER_ROWS = '.explorer-folders-view .monaco-list-row';
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
const PROBLEMS_ROWS = '.markers-panel .monaco-list-row';
const ACTION_ROWS = '.action-widget .monaco-list-row';

/** The README's screenshots (refreshed from journeys when UPDATE_SCREENSHOTS=1). */
export const README_SCREENSHOTS_DIR = path.join(ROOT, 'media', 'screenshots');

export interface WorkbenchOptions {
  /** Copy the screenshots a journey marks for the README into media/screenshots/. */
  updateReadmeScreenshots?: boolean;
}

/** A regular expression that matches `text` exactly. */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export class Workbench {
  private shots = 0;
  /** The last screenshot saved (by `step`, `screenshot` or `finalScreenshot`). */
  lastScreenshot: string | undefined;

  constructor(
    readonly page: Page,
    /** Screenshots go here, named `<journey>-<nn>-<step>.png`. */
    readonly screenshotDir: string,
    readonly journey: string,
    readonly options: WorkbenchOptions = {},
  ) {}

  /** Saves a numbered screenshot of the whole window. */
  async screenshot(step: string): Promise<string | undefined> {
    this.shots += 1;
    const name = `${slug(this.journey)}-${String(this.shots).padStart(2, '0')}-${slug(step)}.png`;
    this.lastScreenshot = await screenshot(this.page, path.join(this.screenshotDir, name));
    return this.lastScreenshot;
  }

  /** Saves `<journey>-final.png`, the state a journey ends in. */
  async finalScreenshot(): Promise<string | undefined> {
    this.lastScreenshot = await screenshot(this.page, path.join(this.screenshotDir, `${slug(this.journey)}-final.png`));
    return this.lastScreenshot;
  }

  /**
   * Copies `shot` (e.g. `lastScreenshot`) to media/screenshots/`name` for the README, only when the run was asked
   * to (UPDATE_SCREENSHOTS=1, not a VSIX run). A missing screenshot fails the journey then, so a stale image is noticed.
   */
  readmeScreenshot(shot: string | undefined, name: string): void {
    if (!this.options.updateReadmeScreenshots) return;
    if (!shot || !fs.existsSync(shot)) throw new Error(`no screenshot to copy to ${path.join(README_SCREENSHOTS_DIR, name)}`);
    fs.mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
    fs.copyFileSync(shot, path.join(README_SCREENSHOTS_DIR, name));
    log(`  ${this.journey}: updated ${path.relative(ROOT, path.join(README_SCREENSHOTS_DIR, name))}`);
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

  /** Waits for a quick pick whose title contains `text`; returns the title. */
  async expectQuickPickTitle(text: string, timeoutMs = 30_000): Promise<string> {
    const title = this.page.locator(`${QUICK_INPUT} .quick-input-title`).filter({ hasText: text }).first();
    await title.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await title.innerText()).trim();
  }

  /** Waits for a quick pick row whose label contains `text` (among the rows in view). */
  async expectQuickPickRow(text: string, timeoutMs = 30_000): Promise<void> {
    const row = this.page.locator(QUICK_INPUT_ROWS).filter({ has: this.page.locator('.label-name', { hasText: text }) }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Types `text` into the quick pick to filter it (a long list renders only the rows in view), clicks the row whose
   * label contains `text`, and waits for the quick pick to close.
   */
  async acceptQuickPickItem(text: string, timeoutMs = 30_000): Promise<void> {
    await this.page.locator(QUICK_INPUT_BOX).fill(text, { timeout: timeoutMs });
    const row = this.page.locator(QUICK_INPUT_ROWS).filter({ has: this.page.locator('.label-name', { hasText: text }) }).first();
    await row.click({ timeout: timeoutMs });
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Waits for a modal dialog whose text contains `text`; returns its text. */
  async expectDialog(text: string, timeoutMs = 30_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: text }).first();
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await dialog.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Clicks the button `label` of the modal dialog that is showing, and waits for the dialog to close. */
  async clickDialogButton(label: string, timeoutMs = 30_000): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box').first();
    await dialog.locator('.monaco-button', { hasText: exactly(label) }).first().click({ timeout: timeoutMs });
    await dialog.waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /**
   * Waits for a notification containing `text` in the Notification Center (toasts are hidden with the smoke-test
   * driver), opening the center until it shows up, and leaves the center open; returns the notification's text.
   * An open center shows progress notifications as they change.
   */
  async expectNotificationInCenter(text: string, timeoutMs = 60_000): Promise<string> {
    const center = this.page.locator('.notifications-center');
    const item = center.locator('.notification-list-item').filter({ hasText: text }).first();
    await poll(
      async () => {
        if (!(await center.isVisible())) await this.runCommand('Notifications: Show Notifications', 10_000);
        return (await item.isVisible()) ? true : undefined;
      },
      { what: `a notification containing "${text}"`, timeoutMs, intervalMs: 500 },
    );
    return (await item.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Clicks the button `label` of the notification containing `text`, in the Notification Center. */
  async clickNotificationButton(text: string, label: string, timeoutMs = 60_000): Promise<void> {
    await this.expectNotificationInCenter(text, timeoutMs);
    const item = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
    await item.locator('.monaco-button', { hasText: exactly(label) }).first().click({ timeout: 10_000 });
    await item.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Waits for text in the active webview (e.g. a Markdown preview); two nested iframes hold its document. */
  async expectWebviewText(text: string, timeoutMs = 30_000): Promise<void> {
    await this.page
      .frameLocator('iframe.webview.ready')
      .frameLocator('iframe#active-frame')
      .getByText(text)
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Waits for a status bar item whose text contains (or matches) `text`; returns its text. */
  async expectStatusBar(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const item = this.page.locator('.statusbar-item').filter({ hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await item.innerText()).trim();
  }

  /** Waits for a notification that contains `text`; returns its text. */
  async expectNotification(text: string, timeoutMs = 30_000): Promise<string> {
    return poll(async () => (await this.notifications(10_000)).find((message) => message.includes(text)), {
      what: `a notification containing "${text}"`,
      timeoutMs,
      intervalMs: 500,
    });
  }

  /**
   * Opens a workspace file by name with Quick Open (Ctrl+P), as a person does, and waits for the active
   * editor to show it saved at `segments` (e.g. ['.github', 'workflows', 'publish.yml']). File search runs on
   * the remote host and can lag behind the workbench, so this retypes the name until the row shows up.
   */
  async quickOpenFile(segments: readonly string[], timeoutMs = 60_000): Promise<void> {
    const name = segments[segments.length - 1];
    const folder = segments.slice(0, -1).join('/');
    const input = this.page.locator(QUICK_INPUT_BOX);
    const row = this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) })
      .filter({ hasText: folder })
      .first();
    await poll(
      async () => {
        if (!(await input.isVisible())) {
          await this.page.keyboard.press('Control+p');
          try {
            await input.waitFor({ state: 'visible', timeout: 2_000 });
          } catch {
            await this.page.keyboard.press('F1'); // Quick Open by the palette: its input without '>' searches files
            await input.waitFor({ state: 'visible', timeout: 5_000 });
          }
        }
        await input.fill(name);
        try {
          await row.waitFor({ state: 'visible', timeout: 3_000 });
          return true;
        } catch {
          await input.fill(''); // the next fill searches again
          return undefined;
        }
      },
      { what: `Quick Open row ${segments.join('/')}`, timeoutMs, intervalMs: 250 },
    );
    if ((await row.getAttribute('class'))?.split(/\s+/).includes('focused')) {
      await input.focus();
      await this.page.keyboard.press('Enter');
    } else {
      await row.click({ timeout: 5_000 });
    }
    await this.expectSavedFileEditor(segments, timeoutMs);
  }

  /** Waits for at least one squiggle of `severity` in the active editor; returns how many show. */
  async expectSquiggle(severity: 'error' | 'warning' | 'info', timeoutMs = 60_000): Promise<number> {
    const squiggles = this.page.locator(`${ACTIVE_EDITOR} .squiggly-${severity}`);
    return poll(
      async () => {
        const count = await squiggles.count();
        return count > 0 ? count : undefined;
      },
      { what: `a ${severity} squiggle in the editor`, timeoutMs },
    );
  }

  /** Opens the Problems panel (Control+Shift+M toggles it, so it is pressed only while the panel is hidden). */
  async openProblems(timeoutMs = 30_000): Promise<void> {
    const panel = this.page.locator('.markers-panel').first();
    await poll(
      async () => {
        if (await panel.isVisible()) return true;
        await this.page.keyboard.press('Control+Shift+M');
        try {
          await panel.waitFor({ state: 'visible', timeout: 3_000 });
          return true;
        } catch {
          return undefined;
        }
      },
      { what: 'the Problems panel', timeoutMs, intervalMs: 250 },
    );
  }

  /** The texts of the Problems panel rows that contain `text` (e.g. a rule id). */
  async problemRows(text: string): Promise<string[]> {
    const rows = this.page.locator(PROBLEMS_ROWS).filter({ hasText: text });
    return (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
  }

  /** Waits for a Problems row containing every one of `texts`; returns its text. */
  async expectProblem(texts: readonly string[], timeoutMs = 60_000): Promise<string> {
    let seen: string[] = [];
    return poll(
      async () => {
        seen = (await this.page.locator(PROBLEMS_ROWS).allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
        return seen.find((row) => texts.every((text) => row.includes(text)));
      },
      { what: () => `a Problems row with ${texts.join(' and ')} (rows: ${seen.join(' | ') || 'none'})`, timeoutMs },
    );
  }

  /** Waits until no Problems row contains `text`, while the panel shows. */
  async expectNoProblem(text: string, timeoutMs = 30_000): Promise<void> {
    let seen: string[] = [];
    await poll(
      async () => {
        if (!(await this.page.locator('.markers-panel').first().isVisible())) return undefined;
        seen = await this.problemRows(text);
        return seen.length === 0 ? true : undefined;
      },
      { what: () => `no Problems row with ${text} (still: ${seen.join(' | ') || 'none'})`, timeoutMs },
    );
  }

  /**
   * Clicks into the active editor just inside `token` on the first line that contains `lineText`, so the cursor
   * lands on it (code actions are asked for at the cursor). Brings the line into view with the Find widget
   * first when needed. Monaco renders in a monospace font: the column is found from the line's width.
   */
  async clickEditorText(tabName: string, lineText: string, token: string, timeoutMs = 30_000): Promise<void> {
    await this.expectEditorText(tabName, lineText, timeoutMs);
    const line = this.page.locator(`${ACTIVE_EDITOR} .view-lines .view-line`, { hasText: lineText }).first();
    const content = line.locator(':scope > span').first();
    const text = (await content.textContent({ timeout: 5_000 })) ?? '';
    const column = text.indexOf(token);
    const box = await content.boundingBox();
    if (column < 0 || !box || text.length === 0) throw new Error(`"${token}" not found on the editor line "${text}"`);
    const charWidth = box.width / text.length;
    await content.click({ position: { x: charWidth * (column + 1.5), y: box.height / 2 }, timeout: 5_000 });
  }

  /**
   * Opens the quick fix menu at the cursor (Control+.) and runs the action titled `title`. The code actions can be
   * asked for before the diagnostics behind them arrive, so the menu is reopened until the action is listed.
   */
  async applyQuickFix(title: string, timeoutMs = 30_000): Promise<void> {
    const rows = this.page.locator(ACTION_ROWS);
    const row = rows.filter({ hasText: title }).first();
    let seen: string[] = [];
    await poll(
      async () => {
        if (!(await rows.first().isVisible())) await this.page.keyboard.press('Control+.');
        try {
          await row.waitFor({ state: 'visible', timeout: 3_000 });
          return true;
        } catch {
          seen = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
          await this.page.keyboard.press('Escape');
          return undefined;
        }
      },
      { what: () => `quick fix "${title}" (listed: ${seen.join(' | ') || 'none'})`, timeoutMs, intervalMs: 250 },
    );
    await row.click({ timeout: 5_000 });
    await this.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
  }
}
