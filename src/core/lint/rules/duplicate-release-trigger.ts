import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { canPublish, pushRefs, releaseRun, releaseTypes, TAG_PUSH_RUN } from '../analysis/runContexts';
import { columnOf, indentUnit, insertIntoMap, lineEnd, lineStart, newlineOf, nextLineStart, replaceNode } from '../edits/textEdits';
import type { Fix, Rule, RuleFinding, Span, TextEdit } from '../engine/types';
import type { PublishStep } from '../analysis/publishing';
import { trimmedSpanOf } from '../edits/trimmedSpan';
import type { WorkflowModel } from '../analysis/workflowModel';
import { itemsOf, pairOf, spanOf, stringOf } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/** Release activity types that arrive together for one release. */
const DOUBLE_FIRING: Array<[string, string]> = [
  ['created', 'published'],
  ['created', 'released'],
  ['created', 'prereleased'],
  ['published', 'released'],
  ['published', 'prereleased'],
];
const RELEASING = ['created', 'published', 'released', 'prereleased'];

/**
 * Publishing one release fires several `release` activity types: `created` and `published` (and `released` or
 * `prereleased`) arrive together when a release is published without a draft, and a release made from a new tag
 * also fires that tag's `push`. A publish workflow started by more than one of them uploads the same version twice:
 * the second run fails ("File already exists") or, with skip-existing, hides real failures.
 */
export const duplicateReleaseTrigger: Rule = {
  meta: { id: 'duplicate-release-trigger', title: 'One release can start the upload twice', severity: 'warning' },
  check({ text, workflow, facts }) {
    const release = workflow.triggers.get('release');
    if (!release) return [];
    const steps = facts.publishSteps.filter((s) => s.index !== 'other');
    if (steps.length === 0) return [];
    const types = releaseTypes(workflow);
    const push = workflow.triggers.get('push');
    const tagPush = !!push && pushRefs(workflow).tags;
    // Cheapest first: without two types that fire together (`types: [published]`) nor a tag push, no release can start
    // the upload twice, whatever the conditions say.
    const doubleTypes = DOUBLE_FIRING.some(([a, b]) => types.includes(a) && types.includes(b));
    if (!doubleTypes && !tagPush) return [];
    const findings: RuleFinding[] = [];
    // Per index: a TestPyPI job on tags next to a PyPI job on releases uploads each version once to each index.
    const byIndex = ['pypi', 'testpypi'].map((index) => steps.filter((s) => s.index === index)).filter((list) => list.length > 0);
    // The release types that reach an upload of the list, evaluated once per list.
    const passing = new Map<PublishStep[], string[]>();
    const passingFor = (list: PublishStep[]) => {
      let reached = passing.get(list);
      if (!reached) passing.set(list, (reached = types.filter((action) => canPublish(workflow, list, releaseRun(action)))));
      return reached;
    };
    const doubles = doubleTypes ? DOUBLE_FIRING.filter(([a, b]) => byIndex.some((list) => passingFor(list).includes(a) && passingFor(list).includes(b))) : [];
    let uploads: Array<{ range: Span; message: string }> | undefined;
    const related = () => (uploads ??= steps.map((s) => ({ range: s.range, message: 'the upload' })));
    if (doubles.length > 0) {
      const typesPair = pairOf(release.config, 'types');
      const pairs = doubles.map(([a, b]) => `${a} + ${b}`).join(', ');
      findings.push({
        message: typesPair
          ? `These release types start the upload more than once for the same release. ${pairs} fire together. Use \`types: [published]\`: it fires once per release, when the release (or its draft) is published.`
          : `\`release\` without \`types\` starts the upload several times for one release. It runs for every activity (created, edited, published, released...): ${pairs} fire together. Add \`types: [published]\`.`,
        range: typesPair?.value ? trimmedSpanOf(text, typesPair.value) : spanOf(release.node),
        related: related(),
        fixes: later(publishedOnly, text, workflow),
      });
    }
    if (tagPush && byIndex.some((list) => passingFor(list).some((a) => RELEASING.includes(a)) && canPublish(workflow, list, TAG_PUSH_RUN))) {
      findings.push({
        message:
          'Both a tag push and a release start the upload, so one release runs it twice. A release comes with a tag. ' +
          "Keep one trigger, or guard the publish job with `if: github.event_name == 'release'` (or `== 'push'`).",
        range: spanOf(push!.node),
        related: [{ range: spanOf(release.node), message: 'the release trigger' }, ...related()],
      });
    }
    return findings;
  },
};

/** Sets the release trigger's types to `[published]` with the smallest edit, when `on:` is a block map. */
function publishedOnly(text: string, workflow: WorkflowModel): Fix[] | undefined {
  const on = workflow.onPair?.value;
  const release = pairOf(on, 'release');
  if (!isMap(on) || on.flow || !release) return undefined;
  const title = 'Start the upload only when a release is published';
  const config = release.value;
  const types = pairOf(config, 'types');
  if (types?.value) return [{ title, edits: onlyPublished(text, types.value) }];
  if (isMap(config) && config.flow && config.items.length === 0) return [{ title, edits: [replaceNode(config, '{ types: [published] }')] }];
  if (isMap(config) && !config.flow) return [{ title, edits: [insertIntoMap(text, config, ['types: [published]'])] }];
  if (config === null || (isScalar(config) && config.value === null)) {
    const keyStart = release.key.range?.[0] ?? 0;
    const at = lineEnd(text, keyStart);
    const indent = ' '.repeat(columnOf(text, keyStart)) + indentUnit(text);
    return [{ title, edits: [{ start: at, end: at, newText: `${newlineOf(text)}${indent}types: [published]` }] }];
  }
  return undefined;
}

/** Keeps `published` alone in a types value: a block list loses its other items' lines, anything else is replaced. */
function onlyPublished(text: string, types: Node): TextEdit[] {
  if (!isSeq(types) || types.flow) return [replaceNode(types, '[published]')];
  const items = itemsOf(types);
  const keep = items.find((i) => stringOf(i) === 'published') ?? items[0];
  const edits: TextEdit[] = [];
  for (const item of items) {
    if (!item.range) continue;
    if (item === keep) {
      if (stringOf(item) !== 'published') edits.push(replaceNode(item, 'published'));
      continue;
    }
    const start = lineStart(text, item.range[0]);
    edits.push({ start, end: nextLineStart(text, Math.max(item.range[1] - 1, item.range[0])), newText: '' });
  }
  return edits;
}
