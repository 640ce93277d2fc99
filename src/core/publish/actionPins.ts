/**
 * The actions the generated workflow uses, each pinned to one release.
 *
 * A workflow that publishes to PyPI runs with an OIDC token that can upload the project, so every action it runs is
 * part of the release's trust boundary. A tag (`@v7`) can be moved by whoever controls the action's repository; a
 * full commit SHA cannot. In `sha` mode the generator therefore writes `owner/name@<40-hex sha> # vX.Y.Z` (the comment
 * is what Dependabot and people read), and the generated `.github/dependabot.yml` keeps the pins moving.
 *
 * How this table was checked (each entry's `checked` date): the exact pair `owner/name@<sha> # vX.Y.Z` was looked
 * up in at least two independent public sources and accepted only when they agreed. The strongest sources are a
 * snapshot of the action's own repository (`git show-ref -d --tags`: the commit the release tag points to, through
 * an annotated tag's `^{}`), and dependabot's "Bump X from A to B" pull requests (dependabot resolves the tag to its
 * commit itself and writes both into the `compare/<old>...<new>` link). A wrong SHA would break the user's very
 * first release, so a release whose SHA could not be confirmed twice is not pinned; `latestKnown` still records it,
 * and a unit test fails when the pin's major version falls behind it.
 *
 * To update: change one entry, confirm the new SHA against two sources again, set its `checked` date, regenerate the
 * golden files (`UPDATE_GOLDEN=1`) and review the diff. `npm run pins` reports entries checked over 120 days ago.
 */

export type ActionName =
  | 'actions/checkout'
  | 'actions/setup-python'
  | 'actions/upload-artifact'
  | 'actions/download-artifact'
  | 'pypa/gh-action-pypi-publish'
  | 'astral-sh/setup-uv'
  | 'pypa/cibuildwheel'
  | 'PyO3/maturin-action';

export interface ActionPin {
  /** The release tag the SHA belongs to, e.g. 'v7.0.1'. */
  version: string;
  /** The full 40-hex commit SHA that tag pointed to when checked. */
  sha: string;
  /** The date the SHA was last confirmed (ISO date). */
  checked: string;
  /**
   * The newest release known when checked, pinned or not (a newer release whose SHA could not yet be confirmed
   * twice). The pin must stay on its major version: a test fails otherwise.
   */
  latestKnown: string;
  /** Public places where the same `owner/name@sha # version` pair appears (at least two, independent). */
  sources: readonly string[];
  /**
   * The ref to use with `pinning: 'tag'`, when it differs from `version`. The PyPA publish action asks users to
   * follow its `release/v1` branch rather than a tag, so that they get its security fixes.
   */
  tagRef?: string;
}

export const ACTION_PINS: Readonly<Record<ActionName, ActionPin>> = {
  // v7 (June 2026) refuses to check out fork pull-request code under pull_request_target/workflow_run by default;
  // v6 moved persisted credentials out of .git/config. We set persist-credentials: false anyway.
  'actions/checkout': {
    version: 'v7.0.1',
    sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
    checked: '2026-11-27',
    latestKnown: 'v7.0.1',
    sources: [
      'https://github.com/greenbone/actions/commit/cb6dd25 (actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1)',
      'https://github.com/oxhq/drove/releases/tag/v5.0.0 (dependabot 7.0.0 -> 7.0.1: compare/9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0...3d3c42e5aac5ba805825da76410c181273ba90b1)',
      'https://github.com/msteinert/bstring/pull/225.patch (actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1)',
    ],
  },
  'actions/setup-python': {
    version: 'v7.0.0',
    sha: '5fda3b95a4ea91299a34e894583c3862153e4b97',
    checked: '2026-12-02',
    latestKnown: 'v7.0.0',
    sources: [
      "pypa/cibuildwheel's own action.yml at v4.2.0 (snapshot, commit 1828c10ab37f080699c7b81cea34097c684a7074) pins actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
      'https://github.com/psf/black/pull/5264 (dependabot 6.3.0 -> 7.0.0: actions/setup-python@ece7cb0...5fda3b9)',
      'https://github.com/idaholab/MontePy/pull/995 (dependabot 6.3.0 -> 7.0.0: actions/setup-python@ece7cb0...5fda3b9)',
      'public workflows in the code index carrying actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0',
    ],
  },
  // upload-artifact v7 and download-artifact v8 are one generation: v7 added unzipped "direct" uploads and v8
  // downloads them; v8 also fails the run when a downloaded artifact's digest does not match (safe by default).
  'actions/upload-artifact': {
    version: 'v7.0.1',
    sha: '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a',
    checked: '2026-11-27',
    latestKnown: 'v7.0.1',
    sources: [
      'https://github.com/maxmind/minfraud-api-python/pull/353.patch (actions/upload-artifact@043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1)',
      'https://github.com/nodejs/node/commit/fb91408312 (actions/upload-artifact@043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1)',
      'https://github.com/maxmind/device-android/pull/24.patch (same pair)',
    ],
  },
  'actions/download-artifact': {
    version: 'v8.0.1',
    sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
    checked: '2026-11-27',
    latestKnown: 'v8.0.1',
    sources: [
      'https://github.com/onyphe/pyonyphe/pull/11.patch (actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1, in a trusted-publishing job)',
      'https://github.com/IntelPython/mkl-service/pull/166 (dependabot 8.0.0 -> 8.0.1)',
      'public workflows in the code index carrying actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1',
    ],
  },
  'pypa/gh-action-pypi-publish': {
    version: 'v1.14.2',
    sha: 'dc37677b2e1c63e2034f94d8a5b11f265b73ba33',
    checked: '2026-11-27',
    latestKnown: 'v1.14.2',
    tagRef: 'release/v1',
    sources: [
      'https://github.com/slavashvets/python.gen/pull/24.patch (pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2)',
      'https://github.com/SAT-CFDI/python-satcfdi/pull/83.patch (dependabot 1.14.1 -> 1.14.2: compare/ba38be9e461d3875417946c167d0b5f3d385a247...dc37677b2e1c63e2034f94d8a5b11f265b73ba33)',
      'https://github.com/ai-agent-assembly/python-sdk/pull/303.patch (dependabot 1.14.1 -> 1.14.2, same compare)',
    ],
  },
  // v8 publishes immutable releases only (no moving `v10` tag), hence tag mode uses the full version.
  // v10 turns the cache off for release-triggered runs when enable-cache is `auto`; we set it false explicitly.
  'astral-sh/setup-uv': {
    version: 'v10.2.0',
    sha: 'c18668ad3cf93ea998bef934396af7bb5c839dc7',
    checked: '2026-11-27',
    latestKnown: 'v10.2.0',
    sources: [
      'public workflow (code index) pinning astral-sh/setup-uv@c18668ad3cf93ea998bef934396af7bb5c839dc7 # v10.2.0 with enable-cache: false before a pip-audit step',
      'public workflow (code index) with a test asserting "uses: astral-sh/setup-uv@c18668ad3cf93ea998bef934396af7bb5c839dc7 # v10.2.0" resolves to an immutable release',
      'eight further public files in the code index with the same pair (checked 2026-11-27)',
    ],
  },
  // v4.2.0 builds CPython 3.15 wheels and pins its own inner actions by SHA (v3.2.0 used actions/setup-python@v6).
  // PyPI lists cibuildwheel 4.3.5 (October 2026); its tag's SHA could not be confirmed twice (the repository
  // snapshot ends in August 2026), so the pin stays on v4.2.0 until it can. Dependabot proposes it with its SHA.
  'pypa/cibuildwheel': {
    version: 'v4.2.0',
    sha: '1828c10ab37f080699c7b81cea34097c684a7074',
    checked: '2026-12-02',
    latestKnown: 'v4.3.5',
    sources: [
      'snapshot of github.com/pypa/cibuildwheel: refs/tags/v4.2.0 (and v4.2) -> commit 1828c10ab37f080699c7b81cea34097c684a7074, "Bump version: v4.2.0", 2026-08-04',
      'https://github.com/vllm-project/guidellm/commit/257a875ac690210b298a4bb643b8862e6cd9890f (pypa/cibuildwheel@1828c10ab37f080699c7b81cea34097c684a7074 # v4.2.0)',
      'public files in the code index listing pypa/cibuildwheel@1828c10ab37f080699c7b81cea34097c684a7074 among pinned actions',
    ],
  },
  // v1.51.0 runs on node24 (v1.49.4 ran on node20, which GitHub retires).
  'PyO3/maturin-action': {
    version: 'v1.51.0',
    sha: 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b',
    checked: '2026-12-02',
    latestKnown: 'v1.51.0',
    sources: [
      'snapshot of github.com/PyO3/maturin-action: annotated tag v1.51.0 (3e2bdf6ba6453a61e649744019b8a2d906c7eb38) -> commit e83996d129638aa358a18fbd1dfb82f0b0fb5d3b, "Bump version to 1.51.0", 2026-04-09; action.yml `using: node24`',
      'public files in the code index: a supply-chain pin table "PyO3/maturin-action | e83996d129638aa358a18fbd1dfb82f0b0fb5d3b | v1.51.0", and a pin-migration map from 86b9d133d34bc1b40018696f782949dac11bd380 (v1.49.4) to e83996d129638aa358a18fbd1dfb82f0b0fb5d3b',
    ],
  },
};

/** When the table as a whole was last verified: the oldest entry's date (ISO). */
export const CHECKED: string = Object.values(ACTION_PINS)
  .map((pin) => pin.checked)
  .sort()[0];

const FULL_SHA = /^[0-9a-f]{40}$/;

/** True for a full, lower-case 40-hex commit SHA (what GitHub resolves without ambiguity). */
export function isFullSha(ref: string): boolean {
  return FULL_SHA.test(ref);
}

/**
 * The value of a `uses:` key for one action.
 *
 * - `sha`: `owner/name@<sha> # vX.Y.Z` (the comment is part of the returned text; it is a YAML comment).
 * - `tag`: `owner/name@vX.Y.Z`, or `pypa/gh-action-pypi-publish@release/v1` as that action's README asks.
 */
export function pinnedUses(action: ActionName, pinning: 'sha' | 'tag'): string {
  const pin = ACTION_PINS[action];
  if (pinning === 'sha') return `${action}@${pin.sha} # ${pin.version}`;
  return `${action}@${pin.tagRef ?? pin.version}`;
}
