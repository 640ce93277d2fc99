/**
 * The network clients, bundled apart as `dist/network.js` so that undici and octokit are loaded only when a command
 * needs them, never at activation.
 */
export { createPypiClient } from './pypi';
export { createGitHubClient } from './github';
