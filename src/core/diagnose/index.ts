/** Failed release job log -> what failed, the evidence, what to change and the edits that fix it. Pure: no I/O. */
export { diagnoseLog } from './diagnose';
export { readJobLog, MAX_LOG_CHARS, type JobLog, type LogLine } from './jobLog';
export { readClaims, workflowFileOf, type TokenClaims } from './claims';
export { compareWithPublisher, fieldsOfClaims, type FieldDifference, type KnownPublisher, type PublisherFields } from './compare';
export { recogniseFailures, type FailureKind, type LogFailure } from './recognise';
export { formatDiagnosisText, diagnosisJson, titleOf } from './format';
export { readDiagnoseContext } from './readContext';
export type * from './types';
export { failedLatestReleaseRun, isReleaseRun, runLabel, timeAgo } from './latestRun';
