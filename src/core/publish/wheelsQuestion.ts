import type { ProjectFacts } from '../pyproject/types';
import type { WheelsChoice } from './types';
import { WHEELS_ANSWERS, type WheelsAnswer } from './wheelsAnswers';
import { wheelsReport } from './wheelsReport';

export interface WheelsQuestion {
  /** The weak signs, and why a single wheel would fail on PyPI (wheelsReport's doubt). */
  doubt: string;
  answers: readonly WheelsAnswer[];
}

/**
 * The wheels question, when the project's files leave it open and nobody answered it: weak signs of compiled code in
 * a project that would otherwise get one pure wheel. Undefined when the files settle it or `chosen` does. The wizard
 * refuses to go on to Review and Generate Release Workflow asks before planning, both on this one condition.
 */
export function wheelsQuestion(facts: ProjectFacts, chosen?: WheelsChoice): WheelsQuestion | undefined {
  if (chosen !== undefined) return undefined;
  const doubt = wheelsReport(facts).doubt;
  return doubt === undefined ? undefined : { doubt, answers: WHEELS_ANSWERS };
}
