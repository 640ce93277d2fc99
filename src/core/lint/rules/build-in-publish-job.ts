import { firstEvidence } from '../analysis/publishing';
import { buildsInPublishJob, tokenMigrationOf } from '../analysis/tokenMigration';
import { splitBuildJob } from '../edits/buildJobSplit';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { BuildStep } from '../analysis/oidcPublishing';
import type { PublishStep } from '../analysis/publishing';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { later } from '../engine/fixesLater';

/**
 * Building runs the project's build backend, its build dependencies and any code they pull in. In the job that
 * uploads, that code runs next to the upload credential (the OIDC token of `id-token: write`, or a token) and can
 * use it. The PyPA guide and the action's docs build in one job and publish from another, passing an artifact.
 * https://packaging.python.org/en/latest/guides/publishing-package-distribution-releases-using-github-actions-ci-cd-workflows/
 * In a job that uploads with a token, this is part of the move to trusted publishing that token-publishing proposes.
 */
export const buildInPublishJob: Rule = {
  meta: { id: 'build-in-publish-job', title: 'The upload job also builds the project', severity: 'warning' },
  check({ text, workflow, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const builds = buildsInPublishJob(job, steps, facts);
      if (builds.length === 0) continue;
      const migration = tokenMigrationOf(job, facts);
      const credential = facts.hasIdToken(job) ? 'the OIDC token it can mint with `id-token: write`' : 'its upload credential';
      const first = builds[0];
      // An upload recognised by its credential says what was seen.
      const seen = firstEvidence(steps);
      const related: NonNullable<RuleFinding['related']> = [];
      for (let i = 1; i < builds.length; i++) related.push({ range: builds[i].range, message: `also builds (\`${builds[i].what}\`)` });
      for (const step of steps) related.push({ range: step.range, message: 'the upload in the same job' });
      if (migration) related.push({ range: migration.credential.range, message: 'the token upload this job moves away from (token-publishing)' });
      findings.push({
        message:
          `Job '${job.id}' ${first.why ? 'builds' : 'builds or installs'} the project and also uploads it. ` +
          `${first.why ? `${first.why[0].toUpperCase()}${first.why.slice(1)}. ` : `It ${/^[\w.-]+\/[\w.\/-]+@/.test(first.what) ? 'uses' : 'runs'} \`${first.what}\`. `}${seen ? `The upload: ${seen}. ` : ''}` +
          `Build backends, build dependencies and setup code then run next to ${credential}. ` +
          `Build in a separate job without publishing permissions, upload dist/ with actions/upload-artifact, and download it in the publish job.` +
          (migration ? ' Part of the move to trusted publishing that token-publishing proposes for this job.' : ''),
        range: first.range,
        related,
        fixes: later(moveBuild, text, workflow, job, steps, builds),
      });
    }
    return findings;
  },
};

function moveBuild(text: string, workflow: WorkflowModel, job: JobModel, uploads: PublishStep[], builds: BuildStep[]): Fix[] | undefined {
  const split = splitBuildJob(text, workflow, job, uploads, builds);
  return split && [{ title: `Move the build into a new job '${split.buildJob}' that hands ${split.packages} over as an artifact`, edits: split.edits }];
}
