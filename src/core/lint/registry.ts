import { floatPythonVersion } from './rules/float-python-version';
import { missingIdToken } from './rules/missing-id-token';
import type { Rule } from './types';

/** Every rule, in the order their findings are produced. Adding a rule: one file in rules/, one line here. */
export const RULES: readonly Rule[] = [missingIdToken, floatPythonVersion];
