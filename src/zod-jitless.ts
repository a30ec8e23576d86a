// zod 4 probes for eval (new Function) when its first object schema is built; under the site's CSP
// (no 'unsafe-eval') that probe files a CSP violation report even though zod catches the error. Its
// documented "jitless" setting skips the probe. Schemas are built while modules load, so this must
// run before zod's module body: main.tsx imports this file first. zod reads (and keeps) the global
// object, so it is mutated, never replaced.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });
export {};
