/** plan -> release.yml text; plan -> the values to type on PyPI. Pure: no 'vscode', no I/O. */
export * from './types';
export { ACTION_PINS, CHECKED, isFullSha, pinnedUses } from './actionPins';
export type { ActionName, ActionPin } from './actionPins';
export { choosePythonVersion, DEFAULT_BUILD_PYTHON, PYTHON_MINORS } from './pythonVersion';
export { detectedWheels, normalizePackageDir, planRelease, PLAN_DEFAULTS } from './plan';
export { TOOL_PINS, TOOLS_CHECKED } from './toolPins';
export { wheelsReport, type WheelsReport } from './wheelsReport';
export { WHEELS_ANSWERS, WHEELS_UNANSWERED, type WheelsAnswer } from './wheelsAnswers';
export { wheelsQuestion, type WheelsQuestion } from './wheelsQuestion';
export { emptyPlatformsProblem, isWheelPlatform, WHEEL_PLATFORMS, type WheelPlatform } from './wheelPlatforms';
export { ENVIRONMENT_NAME_MAX, validateEnvironmentName } from './environmentName';
export { generateWorkflow } from './generateWorkflow';
export { DEPENDABOT_FILE, DEPENDABOT_PATH, dependabotConfig } from './dependabot';
export type { DependabotResult } from './dependabot';
export { formatPublisherValues, INDEX_HOSTS, PENDING_PUBLISHER_NOTE, pendingPublishingUrl, projectPublishingUrl, publisherValues } from './publisherValues';
export {
  choosePublisherOrigin,
  indexesPublished,
  publisherIndexes,
  originFromWorkflow,
  plannedOrigin,
  readWorkflowSummaries,
  publishesThroughCalls,
  workflowsPublishingTo,
  WORKFLOWS_FOLDER,
  type OriginChoice,
  type PublisherOrigin,
} from './existingPublishers';
