import { floatPythonVersion } from '../rules/float-python-version';
import { missingIdToken } from '../rules/missing-id-token';
import { idTokenWorkflowLevel } from '../rules/id-token-workflow-level';
import { idTokenWithoutPublish } from '../rules/id-token-without-publish';
import { permissionsWithoutContents } from '../rules/permissions-without-contents';
import { tokenPublishing } from '../rules/token-publishing';
import { tokenOverridesOidc } from '../rules/token-overrides-oidc';
import { pypiTokenExported } from '../rules/pypi-token-exported';
import { toolWithoutTrustedPublishing } from '../rules/tool-without-trusted-publishing';
import { reusableWorkflowPublish } from '../rules/reusable-workflow-publish';
import { nonLinuxPublishRunner } from '../rules/non-linux-publish-runner';
import { publishInMatrix } from '../rules/publish-in-matrix';
import { buildInPublishJob } from '../rules/build-in-publish-job';
import { attestationsIgnored } from '../rules/attestations-ignored';
import { secretsInherit } from '../rules/secrets-inherit';
import { doublePublishSameJob } from '../rules/double-publish-same-job';
import { sunsetActionRef } from '../rules/sunset-action-ref';
import { outdatedPublishAction } from '../rules/outdated-publish-action';
import { unpinnedAction } from '../rules/unpinned-action';
import { retiredArtifactAction } from '../rules/retired-artifact-action';
import { deprecatedActionInput } from '../rules/deprecated-action-input';
import { unknownActionInput } from '../rules/unknown-action-input';
import { badRepositoryUrl } from '../rules/bad-repository-url';
import { checkoutPersistsCredentials } from '../rules/checkout-persists-credentials';
import { cacheInReleaseWorkflow } from '../rules/cache-in-release-workflow';
import { artifactMismatch } from '../rules/artifact-mismatch';
import { packagesDirMismatch } from '../rules/packages-dir-mismatch';
import { publishWithoutNeeds } from '../rules/publish-without-needs';
import { shallowCheckoutDynamicVersion } from '../rules/shallow-checkout-dynamic-version';
import { compiledProjectSingleBuild } from '../rules/compiled-project-single-build';
import { missingEnvironment } from '../rules/missing-environment';
import { dynamicEnvironment } from '../rules/dynamic-environment';
import { invalidEnvironmentName } from '../rules/invalid-environment-name';
import { environmentUrlMismatch } from '../rules/environment-url-mismatch';
import { pullRequestTargetPublish } from '../rules/pull-request-target-publish';
import { publishOnPullRequest } from '../rules/publish-on-pull-request';
import { publishFromAnyRef } from '../rules/publish-from-any-ref';
import { workflowRunPublish } from '../rules/workflow-run-publish';
import { duplicateReleaseTrigger } from '../rules/duplicate-release-trigger';
import { templateInjection } from '../rules/template-injection';
import { publisherDrift } from '../rules/publisher-drift';
import { duplicatePublishingWorkflow } from '../rules/duplicate-publishing-workflow';
import type { Rule, RuleMeta, WorkspaceRule } from './types';

/** Every rule, in the order their findings are produced. Adding a rule: one file in rules/, one line here. */
/** Ids of the rules that give advice: hints in an editor unless their severity is set. */
export const adviceRules = (): ReadonlySet<string> => new Set(RULES.filter((r) => r.meta.advice).map((r) => r.meta.id));

export const RULES: readonly Rule[] = [
  missingIdToken,
  floatPythonVersion,
  idTokenWorkflowLevel,
  idTokenWithoutPublish,
  permissionsWithoutContents,
  tokenPublishing,
  tokenOverridesOidc,
  pypiTokenExported,
  toolWithoutTrustedPublishing,
  reusableWorkflowPublish,
  nonLinuxPublishRunner,
  publishInMatrix,
  buildInPublishJob,
  attestationsIgnored,
  secretsInherit,
  doublePublishSameJob,
  sunsetActionRef,
  retiredArtifactAction,
  outdatedPublishAction,
  unpinnedAction,
  deprecatedActionInput,
  unknownActionInput,
  badRepositoryUrl,
  checkoutPersistsCredentials,
  cacheInReleaseWorkflow,
  artifactMismatch,
  packagesDirMismatch,
  publishWithoutNeeds,
  shallowCheckoutDynamicVersion,
  compiledProjectSingleBuild,
  missingEnvironment,
  dynamicEnvironment,
  invalidEnvironmentName,
  environmentUrlMismatch,
  pullRequestTargetPublish,
  publishOnPullRequest,
  publishFromAnyRef,
  workflowRunPublish,
  duplicateReleaseTrigger,
  templateInjection,
  publisherDrift,
];

/** Rules that compare the workflows of one repository with each other (run by `lintWorkspace`). */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [duplicatePublishingWorkflow];

/** Every rule's metadata, single-file rules first: for the docs table, SARIF and settings. */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...WORKSPACE_RULES.map((r) => r.meta)];
