/**
 * Releasing from the editor: preflight checks as data, the release to create, a run follower driven by an injected
 * clock, the wait for the index and the landing summary. No editor, no sleeping, no provenance verifier bundled in:
 * the verifier is passed in (it lives in dist/provenance.js).
 */
export * from './types';
export { evaluatePreflight, readyToRelease, type PreflightFacts, type PublisherEvidence } from './preflight';
export { gatherPreflight, versionChoice, publishEnvironment, type PreflightRequest, type PreflightDeps, type PreflightResult, type VersionRequest } from './gather';
export { chooseTrigger, releaseWorkflows, type TriggerChoice } from './trigger';
export { chooseVersion, nextVersion, tagFor, isPreRelease, isReleaseVersion, type VersionChoice, type TagEvidence } from './version';
export { compareVersions, highestVersionTag, readVersionTag, type VersionTag } from './tagVersions';
export { tagMatches } from './tagPattern';
export { RunFollower, systemClock, DEFAULT_FOLLOW_TIMING, type FollowRequest, type FollowTiming } from './follower';
export { stageOf, publishJobNames, isPublishJob, failedJobs, approvableEnvironments, publishWasSkipped, STAGE_LABELS } from './runStage';
export { awaitRelease, expectedPublisher, landingSummary, DEFAULT_LAND_TIMING, type Arrival, type LandTiming, type LandedFile, type LandingSummary, type LandingInput } from './land';
export { describeAction, confirmationDetail } from './describe';
