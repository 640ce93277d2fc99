// The PyPI module's public surface. `drift` and `retryAfter` are pure and free of undici: code bundled without the
// network (dist/core.js) should import them from their own files rather than from here.
export { createPypiClient } from './client';
export { publisherDrift, type ExpectedPublisher } from './drift';
export { parseRetryAfter } from './retryAfter';
export type { LatestPublisher, ProjectInfo, Publisher, PypiClient, PypiClientOptions, PypiError, ReleaseFile } from './types';
