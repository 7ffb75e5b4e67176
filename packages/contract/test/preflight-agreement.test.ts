import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { defineApi, type RouteDefinition, type } from '@corskit/contract';
import {
  CORS_SAFELISTED_CONTENT_TYPES,
  CORS_SAFELISTED_REQUEST_HEADER_NAMES,
  ENGINES,
  engineProfile,
} from '@corskit/core';
import { describe, expect, test } from 'vitest';
import { classifyRoute, generateRoutes, renderAgreement } from './agreement/routes.js';

const FILE = new URL('./preflight-agreement.test-d.ts', import.meta.url);
const ROUTES = generateRoutes(240);

describe('compile-time and run-time preflight agree', () => {
  test('the generated type test is up to date', () => {
    // Formatted as the linter formats the checked-in file.
    const source = execFileSync('pnpm', ['exec', 'biome', 'format', `--stdin-file-path=${FILE.pathname}`], {
      input: renderAgreement(ROUTES),
      encoding: 'utf8',
    });
    if (process.env.UPDATE_AGREEMENT) writeFileSync(FILE, source);
    expect(readFileSync(FILE, 'utf8')).toBe(source);
  });

  test('the generated routes cover every reason and both answers', () => {
    const codes = new Set(
      ROUTES.flatMap((route) => ENGINES.flatMap((engine) => classifyRoute(route, engine).codes)),
    );
    expect([...codes].sort()).toEqual([
      'content-type-not-safelisted',
      'header-not-safelisted',
      'method-not-safelisted',
      'stream-body',
    ]);
    const answers = ROUTES.map((route) => classifyRoute(route, 'spec').codes.length > 0);
    expect(answers).toContain(true);
    expect(answers).toContain(false);
    // Chromium's client hints make a difference somewhere.
    expect(
      ROUTES.some(
        (route) =>
          classifyRoute(route, 'chromium').codes.join() !== classifyRoute(route, 'spec').codes.join(),
      ),
    ).toBe(true);
  });

  test("defineApi's run-time facts match classify for every generated route", () => {
    const routes: Record<string, RouteDefinition> = {};
    ROUTES.forEach((route, index) => {
      routes[`r${index}`] = {
        method: route.method,
        path: route.path,
        ...(route.param ? { params: { id: type<string>() } } : {}),
        headers: Object.fromEntries(route.headers.map((name) => [name, type<string>()])),
        ...(route.contentType === null ? {} : { body: type<unknown>(), contentType: route.contentType }),
        ...(route.progress === null ? {} : { progress: route.progress }),
        responses: { 200: {} },
      };
    });
    const api = defineApi({ cors: { origins: ['https://app.example'] }, routes });
    ROUTES.forEach((route, index) => {
      const expected = classifyRoute(route, 'spec');
      const facts = api.facts[`r${index}`]!.preflight;
      expect({ codes: [...facts.reasons], perUrl: facts.cachedPerUrl }).toEqual(expected);
    });
  });
});

describe("the type-level lists are core's", () => {
  test('the safelists the types read are the ones classify uses', () => {
    // The type-level names come from core's literal types; these are the run-time lists they mirror.
    expect([...CORS_SAFELISTED_REQUEST_HEADER_NAMES].sort()).toEqual([
      'accept',
      'accept-language',
      'content-language',
      'content-type',
      'range',
    ]);
    expect([...CORS_SAFELISTED_CONTENT_TYPES].sort()).toEqual([
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
    ]);
    expect([...engineProfile('chromium').extraSafelisted.keys()].sort()).toEqual([
      'device-memory',
      'downlink',
      'dpr',
      'ect',
      'rtt',
      'save-data',
      'viewport-width',
      'width',
    ]);
    // StreamingEngine: the engines that stream upload bodies.
    expect(
      ENGINES.filter((engine) => ['standard', 'http2-only'].includes(engineProfile(engine).streamBodies)),
    ).toEqual(['spec', 'chromium']);
    // DroppedRequestHeaderName adds user-agent to the standard's forbidden names: the one engine extra.
    expect(ENGINES.flatMap((engine) => [...engineProfile(engine).extraForbidden])).toEqual(['user-agent']);
  });
});
