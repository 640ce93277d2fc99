/** Past this many characters (1 MiB of ASCII) only the YAML syntax of a workflow is checked. */
export const MAX_CHECKED_LENGTH = 1024 * 1024;
