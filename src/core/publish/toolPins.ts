/**
 * The Python tools the generated workflow installs with `pip`, `uvx` or setup-uv, each at one exact version.
 *
 * A release should not change because a tool published a new version between two tags: an unpinned `pip install
 * build` can pick up a new frontend (or a broken one) on the day of a release. The versions are those PyPI listed as
 * newest on TOOLS_CHECKED (its package index); twine 7.0.0's changelog (2026-07-27) was also read in the dependabot
 * pull requests that bumped public projects to it, and it fixes uploads with metadata version 2.5.
 *
 * To update: change the version, move TOOLS_CHECKED, regenerate the golden files (`UPDATE_GOLDEN=1`), review the diff.
 * `npm run pins` reports a TOOLS_CHECKED older than 120 days.
 */

/** When the versions were last compared with PyPI (ISO date). */
export const TOOLS_CHECKED = '2026-12-02';

export const TOOL_PINS = {
  /** pypa/build, the PyPA build frontend (`python -m build`). */
  build: '1.6.1',
  /** `twine check --strict`: the metadata checks PyPI applies to an upload, run before the upload. */
  twine: '7.0.0',
  /** astral-sh/setup-uv's `version:` input: the uv that runs `uv build`. */
  uv: '0.13.8',
} as const;

export type ToolName = keyof typeof TOOL_PINS;
