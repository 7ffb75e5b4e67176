import type { Engine } from '@corskit/core';

/** The engine whose CORS quirks apply, from a user agent string; `spec` when unknown (Node, tests). */
export function detectEngine(userAgent: string | undefined): Engine {
  if (!userAgent) return 'spec';
  // Every iOS browser is WebKit underneath, whatever its name says.
  if (/\b(?:iPhone|iPad|iPod)\b/.test(userAgent)) return 'webkit';
  if (/\bFirefox\//.test(userAgent)) return 'firefox';
  if (/Chrom(?:e|ium)\/|\bEdg\//.test(userAgent)) return 'chromium';
  if (/AppleWebKit\//.test(userAgent) && /Safari\//.test(userAgent)) return 'webkit';
  return 'spec';
}

export function currentUserAgent(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.userAgent;
}

/** The page's origin, or undefined outside a page (Node, workers without a location). */
export function currentOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin;
}

/** Whether `url` is on another origin than the page; never when the page origin is unknown. */
export function isCrossOrigin(url: string, pageOrigin: string | undefined): boolean {
  return pageOrigin !== undefined && new URL(url).origin !== pageOrigin;
}
