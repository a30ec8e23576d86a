// The engine's copy of src/lib/zod-jitless.ts (the sandbox imports nothing from the app): zod's
// eval probe would file a CSP report in the engine's worker too, under the site's response headers.
// First import of the worker; merged into zod's config object, never replacing it.
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
g.__zod_globalConfig = Object.assign(g.__zod_globalConfig ?? {}, { jitless: true });

export {};
