/**
 * The platforms a compiled project's wheels are built for, named once for both builders, so that one setting
 * (`trustedPublishing.wheelPlatforms`, `--platforms` on the command line) trims either matrix.
 *
 * The full lists follow each builder's own template: cibuildwheel's `examples/github-deploy.yml` (v4.2.0: native
 * runners for Linux, Windows and macOS on x86-64 and arm64; its Android, iOS and Pyodide rows need support in the
 * project and are left out) and maturin's `maturin generate-ci github` (manylinux x86_64, x86, aarch64, armv7,
 * s390x, ppc64le; musllinux x86_64, x86, aarch64, armv7; Windows x64, x86, arm64; macOS x86_64 and arm64).
 */
export const WHEEL_PLATFORMS = [
  'linux-x86_64',
  'linux-x86',
  'linux-aarch64',
  'linux-armv7',
  'linux-s390x',
  'linux-ppc64le',
  'musllinux-x86_64',
  'musllinux-x86',
  'musllinux-aarch64',
  'musllinux-armv7',
  'windows-x64',
  'windows-x86',
  'windows-arm64',
  'macos-x86_64',
  'macos-arm64',
] as const;

export type WheelPlatform = (typeof WHEEL_PLATFORMS)[number];

export function isWheelPlatform(value: string): value is WheelPlatform {
  return (WHEEL_PLATFORMS as readonly string[]).includes(value);
}

/**
 * cibuildwheel's runners and the platforms each builds natively (cibuildwheel's `archs = auto`): the x86-64 Linux
 * runner builds x86_64 and i686 manylinux and musllinux wheels, the Windows x64 runner AMD64 and x86. Other
 * architectures need emulation, which the template does not use.
 */
export const CIBW_RUNNERS: ReadonlyArray<{ runner: string; platforms: readonly WheelPlatform[] }> = [
  { runner: 'ubuntu-latest', platforms: ['linux-x86_64', 'linux-x86', 'musllinux-x86_64', 'musllinux-x86'] },
  { runner: 'ubuntu-24.04-arm', platforms: ['linux-aarch64', 'musllinux-aarch64'] },
  { runner: 'windows-latest', platforms: ['windows-x64', 'windows-x86'] },
  { runner: 'windows-11-arm', platforms: ['windows-arm64'] },
  // macos-15-intel is the last x86-64 macOS runner; macos-latest is arm64.
  { runner: 'macos-15-intel', platforms: ['macos-x86_64'] },
  { runner: 'macos-latest', platforms: ['macos-arm64'] },
];

export interface MaturinTarget {
  platform: WheelPlatform;
  runner: string;
  /** maturin-action's `target`. */
  target: string;
  /** Windows builds against the runner's Python, of this architecture (setup-python's `architecture`). */
  pythonArch?: string;
}

export interface MaturinJob {
  job: string;
  title: string;
  /** maturin-action's `manylinux` input; undefined for Windows and macOS. */
  manylinux?: string;
  /** Windows and macOS build against the runner's Python; Linux builds in a manylinux container with its own. */
  hostPython: boolean;
  targets: MaturinTarget[];
}

const linux = (prefix: 'linux' | 'musllinux', targets: string[]): MaturinTarget[] =>
  targets.map((target) => ({ platform: `${prefix}-${target}` as WheelPlatform, runner: 'ubuntu-latest', target }));

/** The jobs of `maturin generate-ci github`. */
export const MATURIN_JOBS: readonly MaturinJob[] = [
  { job: 'linux', title: 'manylinux', manylinux: 'auto', hostPython: false, targets: linux('linux', ['x86_64', 'x86', 'aarch64', 'armv7', 's390x', 'ppc64le']) },
  { job: 'musllinux', title: 'musllinux', manylinux: 'musllinux_1_2', hostPython: false, targets: linux('musllinux', ['x86_64', 'x86', 'aarch64', 'armv7']) },
  {
    job: 'windows',
    title: 'Windows',
    hostPython: true,
    targets: [
      { platform: 'windows-x64', runner: 'windows-latest', target: 'x64', pythonArch: 'x64' },
      { platform: 'windows-x86', runner: 'windows-latest', target: 'x86', pythonArch: 'x86' },
      { platform: 'windows-arm64', runner: 'windows-11-arm', target: 'aarch64', pythonArch: 'arm64' },
    ],
  },
  {
    job: 'macos',
    title: 'macOS',
    hostPython: true,
    targets: [
      { platform: 'macos-x86_64', runner: 'macos-15-intel', target: 'x86_64' },
      { platform: 'macos-arm64', runner: 'macos-latest', target: 'aarch64' },
    ],
  },
];

/** The cibuildwheel runners that build at least one of `platforms`, in the template's order. */
export function cibuildwheelRunners(platforms: readonly WheelPlatform[]): string[] {
  return CIBW_RUNNERS.filter((r) => r.platforms.some((p) => platforms.includes(p))).map((r) => r.runner);
}

/** The maturin jobs with only the targets in `platforms`; jobs left with no target are dropped. */
export function maturinJobs(platforms: readonly WheelPlatform[]): MaturinJob[] {
  return MATURIN_JOBS.map((job) => ({ ...job, targets: job.targets.filter((t) => platforms.includes(t.platform)) })).filter((job) => job.targets.length > 0);
}

/** Why a list of platforms builds nothing with `wheels`, or undefined when it builds something. */
export function emptyPlatformsProblem(wheels: 'cibuildwheel' | 'maturin', platforms: readonly WheelPlatform[]): string | undefined {
  const builds = wheels === 'cibuildwheel' ? cibuildwheelRunners(platforms).length > 0 : maturinJobs(platforms).length > 0;
  if (builds) return undefined;
  return wheels === 'cibuildwheel'
    ? `none of ${platforms.join(', ') || '(none)'} is built by cibuildwheel's runners (it builds ${CIBW_RUNNERS.flatMap((r) => r.platforms).join(', ')})`
    : `no wheel platform left to build (choose among ${WHEEL_PLATFORMS.join(', ')})`;
}

export interface WheelPlatformsSetting {
  /** The known names, in the order given; undefined when none is left (then every platform is built). */
  platforms?: WheelPlatform[];
  /** One sentence naming the entries that are not platforms, for the log; undefined when every entry is one. */
  ignored?: string;
}

/**
 * Reads a list of platform names (the `wheelPlatforms` setting, named `setting` in the sentence). An unknown name is
 * left out, as the planner cannot build it, but said: a typo must not quietly change which wheels are built.
 */
export function readWheelPlatforms(value: unknown, setting: string): WheelPlatformsSetting {
  if (!Array.isArray(value)) return {};
  const platforms = value.filter((p): p is WheelPlatform => typeof p === 'string' && isWheelPlatform(p));
  const unknown = value.filter((p) => !(typeof p === 'string' && isWheelPlatform(p))).map((p) => JSON.stringify(p));
  const result: WheelPlatformsSetting = platforms.length > 0 ? { platforms } : {};
  if (unknown.length === 0) return result;
  const then = platforms.length > 0 ? `building for ${platforms.join(', ')}` : 'no known name is left, so every platform is built';
  return {
    ...result,
    ignored: `${setting}: ignored ${unknown.join(', ')}, not ${unknown.length === 1 ? 'a platform name' : 'platform names'} (known: ${WHEEL_PLATFORMS.join(', ')}); ${then}.`,
  };
}
