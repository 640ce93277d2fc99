import { credentialsOf } from './credentials';
import { effectivePermissions } from './permissions';
import type { PublishStep } from './publishing';
import type { WorkflowModel } from './workflowModel';

/**
 * Whether a publish step uploads to PyPI or TestPyPI with trusted publishing: no token or password reaches it, and
 * it is a tool that trades an OIDC token for an upload token. The actions always try that without a password; the
 * command-line tools (uv, twine, pdm, maturin) only when the job may request an OIDC token, otherwise their
 * credentials come from somewhere this file does not show.
 */
export function usesTrustedPublishing(publish: PublishStep, workflow: WorkflowModel, text: string): boolean {
  if (publish.index === 'other') return false;
  if (credentialsOf(publish, workflow, text).length > 0) return false;
  if (publish.tool === 'pypa-action' || publish.tool === 'maturin-action') return true;
  // A script in a job with `id-token: write` that no credential reaches: trusted publishing, as far as the file shows.
  if (publish.evidence?.oidc) return effectivePermissions(workflow, publish.job).level('id-token') === 'write';
  if (publish.tool === 'uv' || publish.tool === 'twine' || publish.tool === 'pdm' || publish.tool === 'maturin') {
    return effectivePermissions(workflow, publish.job).level('id-token') === 'write';
  }
  return false;
}
