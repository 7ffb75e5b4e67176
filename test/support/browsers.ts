// Debian's headless Chromium, Firefox ESR and WebKitGTK (MiniBrowser under Xvfb), started on one
// URL with a fresh profile and always ended: what every real-browser test here shares.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, launch, readOutput } from './processes.ts';
import { canSwapSystemBundle, trustInNssDb, withOnlyTrusted } from './trust.ts';

export type BrowserEngine = 'chromium' | 'firefox' | 'webkit';
export const BROWSER_ENGINES: readonly BrowserEngine[] = ['chromium', 'firefox', 'webkit'];

export const CHROMIUM = process.env['CORSKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const FIREFOX = process.env['CORSKIT_FIREFOX'] ?? '/usr/bin/firefox-esr';
const MINIBROWSER =
  process.env['CORSKIT_MINIBROWSER'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Chromium's switches for a closed network: without the background-networking ones it stalls. */
export function chromiumArgs(profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-breakpad',
    '--disable-domain-reliability',
    `--user-data-dir=${profileDir}`,
  ];
}

/** Preferences that keep Firefox from reaching anything but our loopback servers. */
const FIREFOX_PREFS: Record<string, string | number | boolean> = {
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.region.network.url': '',
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.search.update': false,
  'browser.sessionstore.resume_from_crash': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'geo.enabled': false,
  'media.gmp-manager.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'security.OCSP.enabled': 0,
  'services.settings.server': 'http://127.0.0.1:9/',
  'toolkit.startup.max_resumed_crashes': -1,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/**
 * A clean environment for the browser: its own home, no display unless we bring one, and one
 * locale on every machine. The locale decides a browser's default Accept-Language: without LANG,
 * WebKit sends `en-US`, the very value a case sets, and the recording then reads as the default.
 */
function browserEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const {
    DISPLAY: _display,
    WAYLAND_DISPLAY: _wayland,
    LANGUAGE: _language,
    LC_ALL: _all,
    ...rest
  } = process.env;
  return {
    ...rest,
    LANG: 'C.UTF-8',
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
    ...extra,
  };
}

interface Command {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** How to start one engine on a URL with a fresh profile in `dir`, and how to ask for its version. */
const LAUNCHERS: Record<
  BrowserEngine,
  {
    version: () => Promise<string | null>;
    command: (url: string, dir: string, options: VisitOptions) => Promise<Command>;
  }
> = {
  chromium: {
    version: async () => versionIn(await readOutput(CHROMIUM, ['--version'])),
    command: async (url, dir, options) => {
      // Chromium on Linux takes trust anchors from the user's NSS database, under its HOME.
      if (options.trustedCa) await trustInNssDb(join(dir, '.pki', 'nssdb'), options.trustedCa);
      return {
        command: CHROMIUM,
        args: [...chromiumArgs(join(dir, 'profile')), ...(options.chromiumArgs ?? []), url],
        env: browserEnv(dir),
      };
    },
  },
  firefox: {
    version: async () => versionIn(await readOutput(FIREFOX, ['--version'])),
    command: async (url, dir, options) => {
      const profile = join(dir, 'profile');
      await mkdir(profile, { recursive: true });
      if (options.trustedCa) await trustInNssDb(profile, options.trustedCa);
      const prefs = Object.entries(FIREFOX_PREFS)
        .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
        .join('');
      await writeFile(join(profile, 'user.js'), prefs);
      return {
        command: FIREFOX,
        args: ['--headless', '--no-remote', '--profile', profile, url],
        env: browserEnv(dir, { MOZ_CRASHREPORTER_DISABLE: '1', MOZ_HEADLESS: '1' }),
      };
    },
  },
  // WebKitGTK's MiniBrowser has no headless mode: it gets a virtual X display from xvfb-run.
  webkit: {
    version: async () => versionIn(await readOutput('xvfb-run', ['-a', MINIBROWSER, '--version'])),
    command: async (url, dir, options) => {
      const env = browserEnv(dir, { WEBKIT_DISABLE_COMPOSITING_MODE: '1', LIBGL_ALWAYS_SOFTWARE: '1' });
      const xvfb = ['-a', '-s', '-screen 0 1280x800x24', MINIBROWSER, '--private'];
      if (!options.trustedCa) return { command: 'xvfb-run', args: [...xvfb, url], env };
      // GnuTLS reads one system bundle and no user store: the CA replaces it for this browser only.
      // Where no mount namespace can be made, MiniBrowser's own switch stands in (say so in the run).
      if (!(await canSwapSystemBundle())) {
        console.warn('webkit: no mount namespace to trust the test CA in; using --ignore-tls-errors');
        return { command: 'xvfb-run', args: [...xvfb, '--ignore-tls-errors', url], env };
      }
      const [command, args] = withOnlyTrusted(options.trustedCa, 'xvfb-run', [...xvfb, url]);
      return { command, args, env };
    },
  },
};

const versionIn = (text: string | null) => text?.match(/\d+(?:\.\d+)+\w*/)?.[0] ?? null;

export interface VisitOptions {
  /** More command-line switches (Chromium only), e.g. `--ip-address-space-overrides=...`. */
  chromiumArgs?: string[];
  /** More environment for every process of the browser, e.g. a moved clock's. */
  env?: Record<string, string>;
  /** A CA certificate (PEM file) the browser's profile trusts to issue server certificates. */
  trustedCa?: string;
}

export type Visit<T> = { ok: true; version: string; value: T } | { ok: false; reason: string };

/**
 * Opens `url` in the engine and waits for `until` (typically the page posting its results to our
 * server), the browser dying, or `budgetMs`, whichever comes first; then ends the browser's whole
 * process tree and removes its profile. Never throws and never hangs.
 */
export async function visit<T>(
  engine: BrowserEngine,
  url: string,
  until: Promise<T>,
  budgetMs: number,
  options: VisitOptions = {},
): Promise<Visit<T>> {
  const launcher = LAUNCHERS[engine];
  const version = await launcher.version();
  if (version === null) return { ok: false, reason: `${engine}: cannot run its binary to read a version` };
  const dir = await mkdtemp(join(tmpdir(), `corskit-${engine}-`));
  try {
    const plan = await launcher.command(url, dir, options);
    const browser = launch(plan.command, plan.args, { ...plan.env, ...options.env });
    try {
      const outcome = await Promise.race([
        until.then((value) => ({ value })),
        browser.exited.then((why) => ({ error: `${why} before the page reported` })),
        delay(budgetMs).then(() => ({ error: `no report within ${budgetMs} ms` })),
      ]);
      if ('value' in outcome) return { ok: true, version, value: outcome.value };
      return {
        ok: false,
        reason: `${engine}: ${outcome.error}\n--- browser output ---\n${browser.outputTail()}`,
      };
    } finally {
      await browser.kill();
    }
  } catch (error) {
    return { ok: false, reason: `${engine}: ${String(error)}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
