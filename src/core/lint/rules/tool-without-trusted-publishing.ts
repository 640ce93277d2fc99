import { Scalar } from 'yaml';
import { indexLabel, NO_OIDC_TOOLS, TOOL_LABEL, uploadTarget } from '../analysis/oidcPublishing';
import { type PublishStep } from '../analysis/publishing';
import { lineEnd } from '../edits/textEdits';
import type { Fix, Rule } from '../engine/types';
import type { WorkflowModel } from '../analysis/workflowModel';
import { pairOf, pairsOf, stringOf } from '../analysis/yamlNodes';
import { flatMapped } from '../analysis/lists';

/**
 * `poetry publish`, `hatch publish` and `flit publish` have no trusted publishing: they never exchange GitHub's
 * OIDC token with PyPI. Given no token, they fail at release time however the job's permissions are set (hatch's
 * own docs point to pypa/gh-action-pypi-publish for trusted publishing). https://docs.pypi.org/trusted-publishers/
 */
export const toolWithoutTrustedPublishing: Rule = {
  meta: { id: 'tool-without-trusted-publishing', title: 'Upload tool has no trusted publishing', severity: 'error' },
  check({ text, workflow, facts }) {
    return flatMapped(facts.publishSteps, (publish) => {
      if (!NO_OIDC_TOOLS.has(publish.tool) || uploadTarget(publish, text) === 'other') return [];
      if (facts.credentials(publish).length > 0 || mayHaveCredential(publish, workflow, text)) return [];
      const tool = TOOL_LABEL[publish.tool];
      const granted = facts.hasIdToken(publish.job) ? ` Granting \`id-token: write\` to job '${publish.job.id}' does not help.` : '';
      const fix = toUvPublish(publish, text);
      return [
        {
          message:
            `\`${tool}\` in job '${publish.job.id}' gets no token, so its upload to ${indexLabel(uploadTarget(publish, text))} fails to authenticate. ` +
            `It has no trusted publishing support.${granted} ` +
            `Upload with pypa/gh-action-pypi-publish or \`uv publish\`, which use trusted publishing.`,
          range: publish.range,
          ...(fix ? { fixes: [fix] } : {}),
        },
      ];
    });
  },
};

/** Signs that a credential reaches the tool by a path the model does not follow: config commands, .pypirc, keyring, secrets. */
function mayHaveCredential(publish: PublishStep, workflow: WorkflowModel, text: string): boolean {
  const { job } = publish;
  const command = commandLine(publish, text);
  if (/\s(?:-u|--username|-p|--password|-a|--auth)(?:[=\s]|$)/.test(command)) return true;
  const scripts = job.steps.map((s) => (s.run?.range ? text.slice(s.run.range[0], s.run.range[1]) : '')).join('\n');
  if (/pypirc|keyring|pypi-token|http-basic|POETRY_PYPI_TOKEN|POETRY_HTTP_BASIC|HATCH_INDEX_AUTH|FLIT_PASSWORD|TWINE_PASSWORD/.test(scripts)) return true;
  // Any secret handed to the job (other than GitHub's own token) might be the credential, set up in a way we cannot see.
  const secretRead = /secrets\.(?!GITHUB_TOKEN\b)[A-Za-z0-9_]+|secrets\s*\[/;
  const nodes = [pairOf(job.node, 'env')?.value, workflow.pair('env')?.value, ...job.steps.flatMap((s) => [s.withPair?.value, s.envPair?.value])];
  if (nodes.some((node) => pairsOf(node).some((p) => secretRead.test(stringOf(p.value) ?? '')))) return true;
  return secretRead.test(scripts);
}

/** The rest of the command's line, from the tool's name. */
function commandLine(publish: PublishStep, text: string): string {
  return text.slice(publish.range.start, lineEnd(text, publish.range.start));
}

/**
 * `poetry publish` and `hatch publish` upload `dist/`, as `uv publish` does; replacing a bare command is safe when uv
 * is installed in the job. (`flit publish` builds as well, and options such as `-r` or `--build` change the meaning.)
 */
function toUvPublish(publish: PublishStep, text: string): Fix | undefined {
  if (publish.tool !== 'poetry' && publish.tool !== 'hatch') return undefined;
  const run = publish.step.run;
  if (!run || !(run.type === Scalar.PLAIN || run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED)) return undefined;
  const rest = commandLine(publish, text).slice(publish.range.end - publish.range.start);
  const trailing = /^((?:\s+(?:-n|--no-interaction|-y|--yes|--no-prompt))*)\s*(?:$|&&|;|#)/.exec(rest);
  if (!trailing) return undefined;
  const scripts = publish.job.steps.map((s) => (s.run?.range ? text.slice(s.run.range[0], s.run.range[1]) : '')).join('\n');
  const hasUv = publish.job.steps.some((s) => s.uses?.action === 'astral-sh/setup-uv') || /\bpip[x3]?\s+install\s+(?:[^\n]*\s)?uv(?:[\s=<>~]|$)/m.test(scripts);
  if (!hasUv) return undefined;
  return {
    title: `Upload with \`uv publish\` (trusted publishing) instead of \`${TOOL_LABEL[publish.tool]}\``,
    edits: [{ start: publish.range.start, end: publish.range.end + trailing[1].length, newText: 'uv publish' }],
  };
}
