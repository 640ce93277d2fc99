import type { ProjectFacts } from '../pyproject/types';
import { detectedWheels } from './plan';
import type { WheelsChoice } from './types';

const WHAT: Record<WheelsChoice, string> = {
  pure: 'one pure-Python wheel and an sdist',
  cibuildwheel: 'cibuildwheel on a matrix of runners (a wheel per platform and Python) and an sdist',
  maturin: 'maturin-action on a matrix of targets and an sdist',
};

export interface WheelsReport {
  /** What will be built, and why: the evidence from the project's files, or the user's choice over it. */
  summary: string;
  /** Weak signs of compiled code in a project planned as pure: the user should confirm. */
  doubt?: string;
}

/**
 * What the wheels plan rests on, for people: the command line prints it, the wizard shows it next to its question.
 * `chosen` is the user's choice (`--wheels`), when given.
 */
export function wheelsReport(facts: ProjectFacts, chosen?: WheelsChoice): WheelsReport {
  const detected = detectedWheels(facts);
  const evidence =
    facts.build.kind === 'compiled' ? facts.build.detail : 'nothing in pyproject.toml, setup.py or setup.cfg builds native code';
  if (chosen !== undefined && chosen !== detected) {
    return { summary: `Wheels: ${WHAT[chosen]}, as chosen; the project's files suggest ${detected} (${evidence}).` };
  }
  const report: WheelsReport = { summary: `Wheels: ${WHAT[detected]}, because ${evidence}.` };
  if (facts.build.kind === 'pure' && facts.build.doubt && chosen === undefined) {
    report.doubt = `${facts.build.doubt}. If the project compiles native code, a single wheel would be tagged for one platform (PyPI rejects linux_x86_64): choose cibuildwheel (or maturin) instead.`;
  }
  return report;
}
