import Handlebars from 'handlebars';
import { TEMPLATE_HELPERS } from './template-helpers';

export type TemplateEnvironment = typeof Handlebars;

/**
 * A private Handlebars environment: our helpers only, nothing another module registers globally leaks in,
 * and no partials or decorators are ever registered on it.
 */
export function createTemplateEnvironment(): TemplateEnvironment {
  const env = Handlebars.create();
  // `log` writes to the server console; templates come from users.
  env.unregisterHelper('log');
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) env.registerHelper(name, helper);
  return env;
}

/** Names the compiler may call: our helpers plus the safe built-ins. Everything else fails to compile. */
export function knownTemplateHelpers(): Record<string, boolean> {
  const known: Record<string, boolean> = { if: true, unless: true, each: true, with: true, lookup: true, log: false };
  for (const name of Object.keys(TEMPLATE_HELPERS)) known[name] = true;
  return known;
}
