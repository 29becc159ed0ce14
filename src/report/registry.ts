// Reporters by the name the user types after --reporter.
import type { Reporter, ReporterOptions } from '../run/types.js';
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { plainReporter } from './plain.js';
import { prettyReporter } from './pretty.js';

export type ReporterFactory = (options: ReporterOptions) => Reporter | Promise<Reporter>;

export const reporters: Record<string, ReporterFactory> = {
  pretty: prettyReporter,
  plain: plainReporter,
  json: jsonReporter,
  junit: junitReporter,
  github: githubReporter,
  // Loaded only when chosen: unified, remark and rehype would cost every run's startup.
  html: async (options) => (await import('./html.js')).htmlReporter(options),
};
