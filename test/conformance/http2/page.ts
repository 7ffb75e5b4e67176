// Runs in Chromium on an https page (bundled by http2-streams.test.ts): ReadableStream uploads and
// ky's upload progress, once to an API that speaks HTTP/2 and once to one that speaks only HTTP/1.1.
import { createClient } from '@corskit/fetch';

const params = new URL(location.href).searchParams;
const APIS = { h2: params.get('h2') ?? '', h1: params.get('h1') ?? '' };
export const UPLOAD_BYTES = 100_000;

export interface ScenarioResult {
  name: string;
  outcome: 'resolved' | 'rejected';
  status: number | null;
  text: string | null;
  message: string | null;
  /** ky's onUploadProgress calls: [transferredBytes, totalBytes, percent]. */
  progress: Array<[number, number, number]>;
}

const stream = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of ['corskit ', 'streams ', 'uploads'])
        controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

async function run(
  name: string,
  call: (progress: ScenarioResult['progress']) => Promise<Response>,
): Promise<ScenarioResult> {
  const progress: ScenarioResult['progress'] = [];
  try {
    const response = await call(progress);
    return {
      name,
      outcome: 'resolved',
      status: response.status,
      text: await response.text(),
      message: null,
      progress,
    };
  } catch (error) {
    return { name, outcome: 'rejected', status: null, text: null, message: String(error), progress };
  }
}

const results: ScenarioResult[] = [];
for (const [protocol, api] of Object.entries(APIS)) {
  results.push(
    await run(`stream-${protocol}`, () =>
      fetch(`${api}/stream-${protocol}`, { method: 'POST', body: stream(), duplex: 'half' } as RequestInit),
    ),
  );
  const client = createClient({ retry: 0 });
  results.push(
    await run(`ky-progress-${protocol}`, (progress) =>
      client.post(`${api}/ky-progress-${protocol}`, {
        body: 'x'.repeat(UPLOAD_BYTES),
        onUploadProgress: ({ transferredBytes, totalBytes, percent }) =>
          void progress.push([transferredBytes, totalBytes, percent]),
      }),
    ),
  );
}
await fetch('/report', { method: 'POST', body: JSON.stringify(results) });
