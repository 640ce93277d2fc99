import { canPublish, WORKFLOW_RUN_FROM_PULL_REQUEST } from '../analysis/runContexts';
import type { WorkflowFacts } from '../analysis/facts';
import type { Rule, RuleFinding, Span } from '../engine/types';
import { blankComments } from '../analysis/publishEvidence';
import type { JobModel, StepModel } from '../analysis/workflowModel';
import { pairOf, spanOf, stringOf } from '../analysis/yamlNodes';

const INDIRECT_TRIGGERS = ['workflow_run', 'repository_dispatch'];

/**
 * A publish that is started by another workflow (`workflow_run`) or by an API call (`repository_dispatch`), or that
 * uploads files built in another run, releases something this workflow never built nor checked: which commit, which
 * tag and which files get uploaded is decided elsewhere, possibly by a run on a pull request. Files taken from a
 * GitHub release or fetched from elsewhere are the same case: the upload is of files this run did not build. Build and
 * publish in the same workflow, started by a release or a tag.
 */
export const workflowRunPublish: Rule = {
  meta: { id: 'workflow-run-publish', title: 'Publishing what another run produced', severity: 'warning' },
  check({ text, workflow, facts }) {
    const steps = facts.publishSteps;
    if (steps.length === 0) return [];
    const findings: RuleFinding[] = [];
    let uploads: Array<{ range: Span; message: string }> | undefined;
    const related = () => (uploads ??= steps.map((s) => ({ range: s.range, message: 'the upload' })));
    for (const event of INDIRECT_TRIGGERS) {
      const trigger = workflow.triggers.get(event);
      if (!trigger) continue;
      // A condition such as `github.event.workflow_run.event == 'push'` keeps the other workflow's pull request runs out.
      const fromPullRequests = event === 'workflow_run' && canPublish(workflow, [...steps], WORKFLOW_RUN_FROM_PULL_REQUEST);
      findings.push({
        message:
          event === 'workflow_run'
            ? `This workflow publishes when another workflow completes (workflow_run). The commit, tag and files it releases are chosen by that other run${
                fromPullRequests ? ', which can be a run for a pull request' : ' (its conditions keep out runs for pull requests)'
              }. Trigger the upload with a published release or a tag push, in the workflow that builds the files.`
            : 'This workflow publishes on repository_dispatch, which anyone with a write token can send. They start an upload with a payload of their choice. Trigger the upload with a published release or a tag push instead.',
        range: spanOf(trigger.node),
        related: related(),
      });
    }
    const uploading = new Set(facts.publishJobs.map(({ job }) => job));
    for (const job of jobsFeedingUploads(facts)) {
      const uploadingJob = uploading.has(job);
      for (const step of job.steps) {
        const found = outsideDownload(step, text, uploadingJob);
        if (!found) continue;
        findings.push({
          message:
            `${found.how} in ${stepName(step, job)} takes the files to upload from ${found.from}. ` +
            `Nothing ties those files to this run's commit or tag: ${found.chosenBy} chooses what gets released. ` +
            'Build the distributions in this workflow and pass them between its jobs with upload-artifact/download-artifact.',
          range: found.range,
          related: related(),
        });
      }
    }
    return findings;
  },
};

/** Publish jobs and the jobs they need (directly or not): where the uploaded files come from. */
function jobsFeedingUploads(facts: WorkflowFacts): JobModel[] {
  const { workflow } = facts;
  const result = new Set<JobModel>();
  const visit = (job: JobModel) => {
    if (result.has(job)) return;
    result.add(job);
    job.needs.forEach((id) => {
      const needed = workflow.job(id);
      if (needed) visit(needed);
    });
  };
  facts.publishJobs.forEach(({ job }) => visit(job));
  return workflow.jobs.filter((j) => result.has(j));
}

interface OutsideDownload {
  /** Where the files come from: "another workflow run", "a GitHub release". */
  from: string;
  /** What brings them in, as written. */
  how: string;
  /** Who decides what those files are, for the message. */
  chosenBy: string;
  range: Span;
}

const OTHER_RUN = 'whoever started that run (possibly for a pull request)';
const RELEASE_EDITORS = 'anyone who can edit the release';

/**
 * A step that brings in files this run did not build: artifacts of another run (dawidd6/action-download-artifact,
 * download-artifact with `run-id:` or `repository:`, `gh run download`), assets of a GitHub release (`gh release
 * download`), or distributions fetched with curl or wget. In a job that only feeds the upload, a release download or a
 * fetch counts when it names distributions (`.whl`, `.tar.gz`) or lands in dist/ or wheelhouse/, so that installing a
 * tool from a release page is not taken for the release's files.
 */
function outsideDownload(step: StepModel, text: string, uploadingJob: boolean): OutsideDownload | undefined {
  const action = step.uses?.action;
  if (action === 'dawidd6/action-download-artifact') {
    return { from: 'another workflow run', how: `\`${step.uses!.raw.split('@')[0]}\``, chosenBy: OTHER_RUN, range: spanOf(step.uses!.node) };
  }
  if (action === 'actions/download-artifact') {
    // `github-token` alone still reads this run (run-id defaults to github.run_id); `run-id` or `repository` reach elsewhere.
    const input = [step.inputs.get('run-id'), step.inputs.get('repository')].find(
      (pair) => pair && stringOf(pair.value) && !/github\.(run_id|repository)\b|GITHUB_RUN_ID/.test(stringOf(pair.value)!),
    );
    if (input) return { from: 'another workflow run', how: `download-artifact with \`${String(input.key.value)}\``, chosenBy: OTHER_RUN, range: spanOf(input.key) };
  }
  if (!step.run?.range) return undefined;
  const [start, end] = step.run.range;
  const source = text.slice(start, end);
  // Each command below names one of these words; most scripts name none.
  if (!source.includes('download') && !source.includes('curl') && !source.includes('wget')) return undefined;
  const script = blankComments(source);
  const at = (line: RegExpExecArray, command: RegExp): Span | undefined => {
    const match = command.exec(line[0]);
    return match ? { start: start + line.index + match.index, end: start + line.index + match.index + match[0].length } : undefined;
  };
  const runLine = /\bgh\s+run\s+download\b[^\n]*/.exec(script);
  if (runLine && !/github\.run_id|GITHUB_RUN_ID/.test(runLine[0])) {
    return { from: 'another workflow run', how: '`gh run download`', chosenBy: OTHER_RUN, range: at(runLine, /\bgh\s+run\s+download\b/)! };
  }
  const names = (line: string) => /\.whl\b|\.tar\.gz\b|(?:^|[\s="'/])(?:dist|wheelhouse)\b/.test(line);
  const releaseLine = /\bgh\s+release\s+download\b[^\n]*/.exec(script);
  if (releaseLine && (uploadingJob || names(releaseLine[0]))) {
    return { from: 'a GitHub release', how: '`gh release download`', chosenBy: RELEASE_EDITORS, range: at(releaseLine, /\bgh\s+release\s+download\b/)! };
  }
  const fetchLine = /\b(?:curl|wget)\b[^\n]*/.exec(script);
  if (fetchLine && /https?:\/\//.test(fetchLine[0]) && fetchesDistributions(fetchLine[0], uploadingJob)) {
    const fromRelease = /\/releases\/(?:download|assets)\//.test(fetchLine[0]);
    return {
      from: fromRelease ? 'a GitHub release' : 'the web',
      how: `\`${/\bwget\b/.test(fetchLine[0]) ? 'wget' : 'curl'}\``,
      chosenBy: fromRelease ? RELEASE_EDITORS : 'whoever controls that address',
      range: at(fetchLine, /\b(?:curl|wget)\b/)!,
    };
  }
  return undefined;
}

/**
 * A curl or wget line that fetches distributions: a wheel, a file saved under dist/ or wheelhouse/, or (in the
 * uploading job) an sdist that is not unpacked on the spot (`| tar` is how tools are installed from release pages).
 */
function fetchesDistributions(line: string, uploadingJob: boolean): boolean {
  if (/\.whl\b/.test(line)) return true;
  if (/(?:\s-o|--output|\s-P|--directory-prefix|--output-dir)[=\s]+["']?(?:\.\/)?(?:dist|wheelhouse)\//.test(line)) return true;
  return uploadingJob && /\.tar\.gz\b/.test(line) && !/\|\s*(?:sudo\s+)?tar\b/.test(line);
}

const stepName = (step: StepModel, job: JobModel) => {
  const name = stringOf(pairOf(step.node, 'name')?.value);
  return name ? `step '${name}' of job '${job.id}'` : `step ${step.index + 1} of job '${job.id}'`;
};
