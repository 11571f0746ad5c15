// One way to read a feature's settings from the environment with zod: empty strings count as unset (as in most
// twelve-factor tooling), a feature reads only the variables it owns, and every problem names its variable.
import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** One bad variable: its name, the value given, and what is wrong with it. */
export interface EnvProblem {
  key: string;
  value: string | undefined;
  message: string;
}

export interface ParseEnvOptions {
  /** Which variables the schema owns (default: every variable; the schema ignores unknown ones). */
  owns?: (key: string) => boolean;
  /** Keep empty strings instead of treating them as unset. */
  keepEmpty?: boolean;
  /** The error to throw for the problems found. */
  fail: (problems: EnvProblem[]) => Error;
}

/** Parses the variables `schema` owns from `env`; throws `options.fail(problems)` when any is bad. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env, options: ParseEnvOptions): z.output<S> {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || (value === '' && !options.keepEmpty) || (options.owns && !options.owns(key))) continue;
    present[key] = value;
  }
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw options.fail(
    parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return { key, value: present[key], message: issue.message };
    }),
  );
}

/** The variables a zod object schema declares. */
export function declaredBy(schema: z.ZodObject): (key: string) => boolean {
  return (key) => key in schema.shape;
}

/** `KEY: message` */
export function describeEnvProblem(problem: EnvProblem): string {
  return `${problem.key}: ${problem.message}`;
}

/** A titled list, one problem a line: "Invalid … configuration:\n  - KEY: message". */
export function envProblemList(title: string, problems: EnvProblem[]): Error {
  return new Error(`${title}:\n${problems.map((p) => `  - ${describeEnvProblem(p)}`).join('\n')}`);
}
