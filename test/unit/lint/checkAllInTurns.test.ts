import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { lintWorkflow, rememberingWorkspaceFindings, summarizePublishing, workspaceFindings, type WorkspaceWorkflow } from '../../../src/core/lint';
import { inTurns } from '../../../src/core/turns';

/** Folders of real workflow files (test/fixtures, sources in their SOURCES.tsv / MANIFEST.tsv), each taken as one repository's `.github/workflows`. */
const FOLDERS = ['corpus/workflows', 'real-workflows', 'reusable-callers'].map((dir) => path.resolve(__dirname, '../../../../test/fixtures', dir));

function folderWorkflows(dir: string): WorkspaceWorkflow[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = `file://${path.join(dir, name)}`;
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { file, text, summary: summarizePublishing(file, text) };
    });
}

/**
 * What "Check All Workflows" does with one folder, step for step as the extension does it: per file, its own checks;
 * a turn; the file summarized again (it may be open with unsaved text) and compared with the others of its folder.
 */
function checkFolder(workflows: readonly WorkspaceWorkflow[], turn?: () => Promise<void>): Promise<unknown[]> {
  const compare = rememberingWorkspaceFindings();
  return inTurns(
    workflows,
    async (workflow, step) => {
      const own = lintWorkflow(workflow.text).findings;
      await step();
      const self = { ...workflow, summary: summarizePublishing(workflow.file, workflow.text) };
      const across = compare([self, ...workflows.filter((w) => w.file !== self.file)]).get(self.file) ?? [];
      return [...own, ...across];
    },
    turn,
  );
}

/** CPU time (ms) of this process since `since`, a process.cpuUsage() reading. */
const cpuMsSince = (since: NodeJS.CpuUsage): number => process.cpuUsage(since).user / 1000;

describe('Check All Workflows in turns: the extension host is never held for a whole workspace', function () {
  this.timeout(120_000);

  it('gives the event loop a turn between two files, and between the steps of one file', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await inTurns(['a.yml', 'b.yml'], async (file, step) => {
      order.push(`${file} own checks`);
      setImmediate(() => order.push(`other work after ${file}`));
      await step();
      order.push(`${file} comparison`);
    });
    assert.deepEqual(order, ['a.yml own checks', 'other work', 'other work after a.yml', 'a.yml comparison', 'b.yml own checks', 'other work after b.yml', 'b.yml comparison']);
  });

  it('compares a folder once, not once per file, and the answer is the one a fresh comparison gives', () => {
    const workflows = folderWorkflows(FOLDERS[0]);
    const compare = rememberingWorkspaceFindings();
    const first = compare(workflows);
    // Asked by another file of the folder: the same set, that file first.
    assert.equal(compare([workflows[3], ...workflows.filter((_, i) => i !== 3)]), first, 'the same set in another order is not compared again');
    const fresh = workspaceFindings(workflows);
    for (const w of workflows) {
      const key = (findings: readonly { ruleId: string; range: { start: number; end: number } }[]) => findings.map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}`).sort();
      assert.deepEqual(key(first.get(w.file)!), key(fresh.get(w.file)!), w.file);
    }
    assert.ok([...first.values()].some((findings) => findings.length > 0), 'the corpus folder has findings across files');

    const edited = workflows.map((w, i) => (i === 0 ? { ...w, text: `${w.text}\n# edited\n` } : w));
    assert.notEqual(compare(edited), first, 'a changed text is compared again');
    assert.notEqual(compare(edited, { rules: { 'duplicate-publishing-workflow': 'off' } }), compare(edited), 'changed rule settings are compared again');
  });

  it('on the real corpus, no step of one file uses more than 50 ms of CPU (best of 3 rounds)', async () => {
    // Each step's CPU time, by its place in the run; CPU rather than wall time, and the best of three rounds, so a busy
    // machine or a garbage collection does not decide the outcome.
    const best: number[] = [];
    for (let round = 0; round < 3; round++) {
      let at = 0;
      for (const dir of FOLDERS) {
        const workflows = folderWorkflows(dir);
        let since = process.cpuUsage();
        const turn = async () => {
          best[at] = Math.min(best[at] ?? Infinity, cpuMsSince(since));
          at++;
          await new Promise<void>((resolve) => setImmediate(resolve));
          since = process.cpuUsage();
        };
        const results = await checkFolder(workflows, turn);
        best[at] = Math.min(best[at] ?? Infinity, cpuMsSince(since)); // the folder's last step
        at++;
        assert.equal(results.length, workflows.length);
      }
    }
    const longest = Math.max(...best);
    const files = FOLDERS.reduce((n, dir) => n + folderWorkflows(dir).length, 0);
    assert.equal(best.length, 2 * files, `two steps per file (${files} files)`);
    assert.ok(longest < 50, `the longest step took ${longest.toFixed(1)} ms of CPU`);
  });

  it('the event loop keeps running while a large workspace is checked: its longest wait is a fraction of the unsplit check', async () => {
    // A monorepo's worth: the corpus folders ten times over (about 650 workflow files in 30 folders).
    const folders = Array.from({ length: 10 }, () => FOLDERS.map(folderWorkflows)).flat();
    const longestWait = async (check: () => Promise<unknown>): Promise<number> => {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      // The monitor's first tick only starts its clock: let it tick before the work, or a block right away is missed.
      await new Promise<void>((resolve) => setTimeout(resolve, 20));
      await check();
      await new Promise<void>((resolve) => setTimeout(resolve, 20)); // the last blocked timer fires and is counted
      histogram.disable();
      return histogram.max / 1e6;
    };
    await checkFolder(folders[0]); // warm up: the first checks of a process compile the rules
    const inTurnsWait = await longestWait(async () => {
      for (const workflows of folders) await checkFolder(workflows);
    });
    // The same work with no turn between the files: it holds the loop from the first file to the last.
    const unsplitWait = await longestWait(async () => {
      for (const workflows of folders) await checkFolder(workflows, () => Promise.resolve());
    });
    // Relative, not absolute: on a busy machine every wait grows, the unsplit one by far the most.
    assert.ok(inTurnsWait < unsplitWait / 2, `in turns the loop waited up to ${inTurnsWait.toFixed(0)} ms, unsplit ${unsplitWait.toFixed(0)} ms`);
  });
});
