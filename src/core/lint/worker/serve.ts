import { summarizePublishing } from '../analysis/publishingSummary';
import { fixAllEdits, fixesWithFollowUps } from '../engine/fixAll';
import { lintWorkflow } from '../engine/lintWorkflow';
import { ignoreFix } from '../engine/suppression';
import type { Finding, LintOptions } from '../engine/types';
import { FINDINGS_PER_MESSAGE, withoutFixes, type WorkerAnswer, type WorkerRequest } from './protocol';

/** The side of a message port the worker answers on (worker_threads' parentPort, or a stand-in in tests). */
export interface AnswerPort {
  on(event: 'message', listener: (request: WorkerRequest) => void): unknown;
  postMessage(answer: WorkerAnswer): void;
}

/**
 * Answers check requests, one at a time, in the order they come. The last check's findings are kept with their lazy
 * fixes: code actions on a large file ask about the text just checked, and get its fixes without a second check.
 */
export function serveChecks(port: AnswerPort): void {
  let last: { text: string; options: string; findings: Finding[] } | undefined;
  const ownFindings = (text: string, options: LintOptions): Finding[] => {
    const key = JSON.stringify(options);
    if (last?.text !== text || last.options !== key) last = { text, options: key, findings: lintWorkflow(text, options).findings };
    return last.findings;
  };
  const sorted = (findings: Finding[]) => findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));

  port.on('message', (request) => {
    try {
      port.postMessage(answer(request));
    } catch (error) {
      port.postMessage({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });

  function answer(request: WorkerRequest): WorkerAnswer {
    switch (request.kind) {
      case 'check': {
        const findings = ownFindings(request.text, request.options).map(withoutFixes);
        const summary = summarizePublishing(request.fileName, request.text);
        let from = 0;
        for (; findings.length - from > FINDINGS_PER_MESSAGE; from += FINDINGS_PER_MESSAGE) {
          port.postMessage({ id: request.id, kind: 'findings', findings: findings.slice(from, from + FINDINGS_PER_MESSAGE) });
        }
        return { id: request.id, kind: 'check', findings: findings.slice(from), summary };
      }
      case 'actions': {
        const all = sorted([...ownFindings(request.text, request.options), ...request.across]);
        const { target } = request;
        const finding = all.find((f) => f.ruleId === target.ruleId && f.range.start === target.start && f.range.end === target.end);
        if (!finding) return { id: request.id, kind: 'actions', fixes: [] };
        return { id: request.id, kind: 'actions', fixes: fixesWithFollowUps(request.text, request.options, all, finding), ignore: ignoreFix(request.text, finding) };
      }
      case 'fixAll':
        return { id: request.id, kind: 'fixAll', edits: fixAllEdits(sorted([...ownFindings(request.text, request.options), ...request.across])) };
      case 'summary':
        return { id: request.id, kind: 'summary', summary: summarizePublishing(request.fileName, request.text) };
    }
  }
}
