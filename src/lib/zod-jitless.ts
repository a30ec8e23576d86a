/**
 * zod 4 probes for eval (`new Function`) the first time an object schema parses; under the site's
 * Content-Security-Policy (no 'unsafe-eval') the probe files a CSP violation report even though zod
 * catches the error. zod's documented `jitless` setting skips the probe.
 *
 * This module imports nothing and must be the first import of every entry point (the page and each
 * worker): zod keeps a reference to the global config object when it first loads, so the setting
 * is merged into that object, never put in place of it.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });

export {};
