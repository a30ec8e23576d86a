/**
 * The flags every headless Chromium of the project starts with: the end-to-end tests
 * (playwright.config.ts) and the bench (bench/lib/browser.ts). The first seven are the machine's
 * rules (no sandbox as root, no GPU, no QUIC, no calls home, no first-run UI).
 *
 * `--disable-features`: Debian's Chromium (156) is the whole browser run headless, so every new
 * browser context (each test, each cold load of the bench) opens a hidden window whose address bar
 * preloads two WebUI pages, the omnibox's suggestion popup and its AI-mode popup
 * (chrome://omnibox-popup.top-chrome/), each in a renderer of its own. Measured on these 2-core
 * machines, that renderer spent about 0.9 s of CPU during the page's own load, competing with it:
 * a cold Keys-panel load took 2,036 ms with it and 1,364 ms without (medians of 5, same run), and
 * the start page's first paint 628 and 388 ms. No page ever uses them (nothing types in an address
 * bar here); Puppeteer's own launcher turns the same two features off by default.
 * Chromium keeps only the last `--disable-features` it is given, and Playwright passes one of its
 * own first (playwright-core's chromiumSwitches), so that list is repeated here before ours.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** The address bar's WebUI popups (see above). */
const BROWSER_UI_FEATURES_OFF = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES_OFF].join(',')}`,
];
