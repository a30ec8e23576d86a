import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildCsp, endpointOrigin } from './infra/lib/csp';
import { LAB_CONFIG_CACHE } from './src/lib/offline';

/**
 * The build's Content-Security-Policy as a meta tag (infra/lib/csp.ts; the template's CloudFront
 * distribution sends the same policy as a header). An endpoint named in public/lab-config.json at
 * build time is added to connect-src. Build only: Vite's dev server injects inline styles.
 */
function cspMeta(): Plugin {
  return {
    name: 'kms-lab-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      let extra: string[] = [];
      try {
        const origin = endpointOrigin(JSON.parse(readFileSync('public/lab-config.json', 'utf8')));
        if (origin) extra = [origin];
      } catch {
        /* no lab-config.json: the defaults */
      }
      // Right after <meta charset>: a meta CSP governs only what comes after it, so before any script.
      const tag = `<meta http-equiv="Content-Security-Policy" content="${buildCsp({ extraConnectSrc: extra })}" />`;
      return html.replace(/(<meta charset="[^"]*" \/>)/i, `$1\n    ${tag}`);
    },
  };
}

/**
 * The theme script (public/theme-init.js) goes last in <head>, after the module script, its
 * modulepreload links and the stylesheet that Vite adds at the end of <head>. It must run before the
 * first paint, so it stays a parser-blocking script; first in <head>, the browser fetched the app's
 * scripts and stylesheet only once it had fetched and run it (one round trip more before the first
 * paint: docs/app-shell.md "Speed"). Last, it is fetched alongside them and still runs before any
 * content is parsed or painted.
 */
function themeScriptLast(): Plugin {
  const tag = /[ \t]*<script src="\.\/theme-init\.js"><\/script>\r?\n?/;
  return {
    name: 'kms-lab-theme-script-last',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const m = tag.exec(html);
        if (!m) return html;
        return html.replace(tag, '').replace(/<\/head>/i, `  <script src="./theme-init.js"></script>\n  </head>`);
      },
    },
  };
}

/**
 * index.html carries the page's frame and the start page as HTML (src/app/static-shell.tsx, rendered
 * here with React's server renderer): the browser paints it once the HTML and the stylesheet are in,
 * without waiting for the app's chunk to load, evaluate and render (docs/app-shell.md "Speed").
 */
function prerenderShell(): Plugin {
  return {
    name: 'kms-lab-prerender-shell',
    apply: 'build',
    async transformIndexHtml(html) {
      const { createServer } = await import('vite');
      const server = await createServer({
        configFile: false,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      try {
        const { StaticShell } = (await server.ssrLoadModule('/src/app/static-shell.tsx')) as { StaticShell: () => ReactNode };
        const markup = renderToStaticMarkup(createElement(StaticShell));
        if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty <div id="root"></div> for the static shell');
        return html.replace('<div id="root"></div>', `<div id="root">${markup}</div>`);
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * The entry (src/boot.ts) starts the sandbox's worker and then imports the app (src/main.tsx). That
 * import is dynamic, so Vite would fetch the app's chunk only once the entry has run: a modulepreload
 * link for it and its static imports, right after the entry's script tag, fetches it alongside.
 */
function preloadApp(): Plugin {
  return {
    name: 'kms-lab-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.some((id) => /[\\/]src[\\/]main\.tsx$/.test(id)));
        if (!app || app.type !== 'chunk') return html;
        const files: string[] = [];
        const visit = (file: string) => {
          if (files.includes(file)) return;
          files.push(file);
          const c = bundle[file];
          if (c?.type === 'chunk') for (const dep of c.imports) visit(dep);
        };
        visit(app.fileName);
        const links = files.filter((f) => !html.includes(`/${f}"`)).map((f) => `<link rel="modulepreload" crossorigin href="./${f}">`);
        // After the entry's own preloads (its imports run first), before the stylesheet.
        return html.replace(/(\s*)(<link rel="stylesheet")/, `$1${links.join('$1')}$1$2`);
      },
    },
  };
}

/**
 * Web Workers have no DOMParser, which the AWS SDK's browser XML parser (S3's responses) uses. In
 * worker bundles, load the SDK's own DOM-free parser (the one it ships for Node) in its place.
 */
function sdkXmlParserForWorkers(): Plugin {
  return {
    name: 'kms-lab:sdk-xml-parser-for-workers',
    load(id) {
      const m = /^(.*[\\/]@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/])xml-parser\.browser\.js$/.exec(id.split('?')[0] ?? '');
      return m ? readFileSync(`${m[1]}xml-parser.js`, 'utf8') : null;
    },
  };
}

/**
 * The sandbox reads each service's API model from the SDK's own schemas (src/sandbox/protocol/
 * service-models.ts imports the client packages whole, which Node and the tests resolve to the
 * packages' CommonJS builds). In the engine's worker bundle, that import is narrowed to the two
 * modules it reads, the schemas and the enums: the clients, their commands, paginators and endpoint
 * rules are not the engine's to carry, and were a quarter of the worker's script (756 -> 574 kB),
 * which the first call waits to be downloaded and compiled.
 */
function sdkModelsOnlyInWorkers(): Plugin {
  const prefix = '\0kms-lab-sdk-model:';
  const require = createRequire(import.meta.url);
  return {
    name: 'kms-lab:sdk-models-only-in-workers',
    enforce: 'pre',
    resolveId(source, importer) {
      const m = /^@aws-sdk\/(client-(?:kms|cloudtrail|sts|cognito-identity))$/.exec(source);
      if (!m || !importer || !/[\\/]src[\\/]sandbox[\\/]protocol[\\/]service-models\.ts$/.test(importer)) return null;
      return prefix + m[1];
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const dir = dirname(require.resolve(`@aws-sdk/${id.slice(prefix.length)}/package.json`)).replaceAll('\\', '/');
      return `export * from '${dir}/dist-es/schemas/schemas_0.js';\nexport * from '${dir}/dist-es/models/enums.js';\n`;
    },
  };
}

/**
 * The AWS SDK's shared runtime: Smithy, @aws-sdk/core, the middleware and utilities every client
 * uses, and the SHA-256 the signer needs. Not the clients (each panel loads its own), not what only
 * S3 uses (its middleware, checksums, XML, event streams, presigning: the S3 labs load those), and
 * not the Encryption SDK (@aws-crypto/client-browser and its material management: the envelope lab).
 */
const SDK_RUNTIME = /[\\/]node_modules[\\/](?:@smithy[\\/](?!eventstream|hash-blob-browser|md5-js|chunked-blob-reader|hash-stream-node)|@aws-sdk[\\/](?!client-|middleware-sdk-s3|middleware-flexible-checksums|middleware-bucket-endpoint|middleware-expect-continue|middleware-location-constraint|middleware-ssec|s3-request-presigner|signature-v4-multi-region|xml-builder)[^\\/]+[\\/]|@aws-crypto[\\/](?:sha256-browser|sha256-js|supports-web-crypto|util)[\\/])/;

/** The modules src/boot.ts runs before the app: see the 'boot' chunk group. */
const BOOT = /[\\/](?:src[\\/](?:(?:app[\\/](?:labs|route-path)|lib[\\/]after-paint|connection[\\/](?:early-start|settings|test-hooks)|sandbox[\\/]host[\\/](?:connect|host-client|messages))\.ts)|vite[\\/]preload-helper(?:\.js)?)$/;

// A relative base makes the static build work from any host and any sub-path (hash routing).
export default defineConfig({
  base: './',
  plugins: [
    react(),
    tailwindcss(),
    cspMeta(),
    prerenderShell(),
    preloadApp(),
    themeScriptLast(),
    // Installable, and offline after the first load on the sandbox backend: every built file is
    // precached. lab-config.json is not (a teacher replaces it after the build): it is fetched
    // network-first, so a changed file wins and the last one read still works offline.
    process.env.VITEST
      ? undefined
      : VitePWA({
          registerType: 'prompt',
          injectRegister: false,
          includeAssets: ['favicon.svg', 'theme-init.js'],
          manifest: {
            name: 'KMS Study Lab',
            short_name: 'KMS Lab',
            description: 'Hands-on AWS KMS lab for the DVA-C02 exam, with an embedded AWS sandbox.',
            start_url: './',
            scope: './',
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#1f2937',
            icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
          },
          workbox: {
            globPatterns: ['**/*.{js,css,html,svg,woff2}'],
            globIgnores: ['lab-config.json'],
            maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
            navigateFallback: 'index.html',
            cleanupOutdatedCaches: true,
            runtimeCaching: [{ urlPattern: ({ url }) => url.pathname.endsWith('/lab-config.json'), handler: 'NetworkFirst', options: { cacheName: LAB_CONFIG_CACHE, networkTimeoutSeconds: 3 } }],
          },
        }),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The SDK's shared runtime (Smithy, @aws-sdk/core and the middleware every client uses) as
          // one chunk: split automatically it came as ~20 files of a few kB each, which a panel's
          // first call fetched in waves over HTTP/1.1's six connections per host (docs/app-shell.md).
          // The entry and everything it imports statically (React, the shell, the connection layer) as
          // one chunk too: split automatically it was 13 files, each a request before the first paint.
          groups: [
            // What the entry (src/boot.ts) runs before the app's chunk: starting the sandbox's worker,
            // and Vite's preload helper for its imports (left free, the helper was merged into the SDK
            // group). Captured by the shell group, the entry imported the whole shell statically and
            // started the worker only after evaluating it.
            { name: 'boot', test: BOOT, priority: 4 },
            { name: 'shell', test: /[\\/]src[\\/]main\.tsx$/, priority: 3 },
            { name: 'aws-sdk-runtime', test: SDK_RUNTIME, priority: 1 },
          ],
        },
      },
    },
  },
  // Workers are ES modules (the sandbox's worker loads its store lazily); they get the SDK's DOM-free XML parser.
  worker: { format: 'es', plugins: () => [sdkXmlParserForWorkers(), sdkModelsOnlyInWorkers()] },
  test: {
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: on these 2-core machines, one test file at a
    // time while the other core idled (the runner's own process does little). Every file runs in its
    // own worker either way; the suite passed this way under load 9 (2026-12-05).
    maxWorkers: availableParallelism(),
    include: ['src/**/__tests__/**/*.test.{ts,tsx}', 'infra/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every sandbox call's tracked write set is checked against a diff of every record (store/lab.ts).
    env: { SANDBOX_VERIFY_WRITE_SETS: '1' },
  },
});
