import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { combine } from './observation.ts';
import { delay, launch, readOutput } from './processes.ts';
import { type PageReport, startServers } from './servers.ts';
import type { EngineName, Observation, TestCase } from './types.ts';

export type EngineRun =
  | { ok: true; version: string; durationMs: number; observations: Observation[] }
  | { ok: false; reason: string };

/** How to start one engine on a URL with a fresh profile in `dir`, and how to ask for its version. */
interface EngineLauncher {
  version(): Promise<string | null>;
  prepare(url: string, dir: string): Promise<{ command: string; args: string[]; env: NodeJS.ProcessEnv }>;
}

const CHROMIUM = process.env['CORSKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const FIREFOX = process.env['CORSKIT_FIREFOX'] ?? '/usr/bin/firefox-esr';
const MINIBROWSER =
  process.env['CORSKIT_MINIBROWSER'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Page settings: quick cases in flight at once, and the per-fetch timeout. */
const PAGE_SETTINGS = { concurrency: 6, timeoutMs: 8000 };
/** Time for the browser to start and run the quick cases; the cache cases' delays come on top. */
const RUN_BUDGET_MS = 45_000;

/** A clean environment for the browser: its own home, and no display unless we bring one. */
function browserEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
  return {
    ...rest,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
    ...extra,
  };
}

const versionIn = (text: string | null) => text?.match(/\d+(?:\.\d+)+\w*/)?.[0] ?? null;

const chromium: EngineLauncher = {
  version: async () => versionIn(await readOutput(CHROMIUM, ['--version'])),
  prepare: async (url, dir) => ({
    command: CHROMIUM,
    // Without the background-networking switches Chromium stalls on a closed network.
    args: [
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
      `--user-data-dir=${join(dir, 'profile')}`,
      url,
    ],
    env: browserEnv(dir),
  }),
};

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

const firefox: EngineLauncher = {
  version: async () => versionIn(await readOutput(FIREFOX, ['--version'])),
  prepare: async (url, dir) => {
    const profile = join(dir, 'profile');
    await mkdir(profile, { recursive: true });
    await writeFile(
      join(profile, 'user.js'),
      Object.entries(FIREFOX_PREFS)
        .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
        .join(''),
    );
    return {
      command: FIREFOX,
      args: ['--headless', '--no-remote', '--profile', profile, url],
      env: browserEnv(dir, { MOZ_CRASHREPORTER_DISABLE: '1', MOZ_HEADLESS: '1' }),
    };
  },
};

// WebKitGTK's MiniBrowser has no headless mode: it gets a virtual X display from xvfb-run.
const webkitEnv = (dir: string) =>
  browserEnv(dir, { WEBKIT_DISABLE_COMPOSITING_MODE: '1', LIBGL_ALWAYS_SOFTWARE: '1' });

const webkit: EngineLauncher = {
  version: async () => versionIn(await readOutput('xvfb-run', ['-a', MINIBROWSER, '--version'])),
  prepare: async (url, dir) => ({
    command: 'xvfb-run',
    args: ['-a', '-s', '-screen 0 1280x800x24', MINIBROWSER, '--private', url],
    env: webkitEnv(dir),
  }),
};

const LAUNCHERS: Record<EngineName, EngineLauncher> = { chromium, firefox, webkit };

/**
 * Runs every case in the real browser: serves the runner page, opens it in the engine, waits for
 * the page to post its results (or for the browser to die, or the time budget to run out), then
 * ends the browser's whole process tree.
 */
export async function runEngine(engine: EngineName, cases: TestCase[]): Promise<EngineRun> {
  const launcher = LAUNCHERS[engine];
  const version = await launcher.version();
  if (version === null) return { ok: false, reason: `${engine}: cannot run its binary to read a version` };

  const started = Date.now();
  const servers = await startServers(cases, PAGE_SETTINGS);
  const dir = await mkdtemp(join(tmpdir(), `corskit-${engine}-`));
  try {
    const plan = await launcher.prepare(servers.pageUrl, dir);
    const browser = launch(plan.command, plan.args, plan.env);
    const budgetMs = RUN_BUDGET_MS + Math.max(0, ...cases.map(totalDelayMs));
    let report: PageReport;
    try {
      const outcome = await Promise.race([
        servers.report,
        browser.exited.then((why) => ({ error: `${why} before the page reported` })),
        delay(budgetMs).then(() => ({ error: `no results within ${budgetMs} ms` })),
      ]);
      report = outcome;
    } finally {
      await browser.kill();
    }
    if ('error' in report) {
      return {
        ok: false,
        reason: `${engine}: ${report.error}\n--- browser output ---\n${browser.outputTail()}`,
      };
    }
    const symbols = {
      origins: servers.origins,
      run: servers.run,
      browserDefaults: { 'user-agent': report.userAgent },
    };
    const observations = report.observations.map((client) =>
      combine(client, servers.journal.arrivals(client.caseId, client.step), symbols),
    );
    return { ok: true, version, durationMs: Date.now() - started, observations };
  } catch (error) {
    return { ok: false, reason: `${engine}: ${String(error)}` };
  } finally {
    await servers.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function totalDelayMs(testCase: TestCase): number {
  return testCase.steps.reduce((sum, step) => sum + step.delayMs, 0);
}
