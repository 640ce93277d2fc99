// No imports but types: the wizard's webview bundles this file as it is.
import type { WheelsChoice } from './types';

/** One answer to "how are the wheels built?", worded once for the wizard's radios and the command's quick pick. */
export interface WheelsAnswer {
  value: WheelsChoice;
  label: string;
  hint: string;
}

export const WHEELS_ANSWERS: readonly WheelsAnswer[] = [
  { value: 'pure', label: 'One pure-Python wheel', hint: 'No compiled code: the wheel works everywhere.' },
  { value: 'cibuildwheel', label: 'cibuildwheel', hint: 'C, C++, Cython or Rust (setuptools-rust): a wheel per platform and Python.' },
  { value: 'maturin', label: 'maturin', hint: 'A maturin (PyO3) project: maturin-action on every target.' },
];

/** What the wizard shows under the wheels question while it is unanswered. */
export const WHEELS_UNANSWERED = 'Say how the wheels are built: the project shows signs of compiled code.';
