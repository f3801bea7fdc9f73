/**
 * A small closed-loop HTTP loader: `connections` keep-alive connections, each sending its next
 * request as soon as the previous answer is read, for `seconds`. Latencies in milliseconds.
 */
import http from 'node:http';

export interface LoadTarget {
  port: number;
  path: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** First non-2xx status or error seen, to tell why a run failed. */
  firstError: string | null;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean size of an answer in bytes. */
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function once(agent: http.Agent, t: LoadTarget): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.port, path: t.path, headers: t.headers, agent, method: 'GET' },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function load(t: LoadTarget, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const r = await once(agent, t);
        // A request that started before the end counts even if it finishes after it.
        latencies.push(performance.now() - t0);
        bytes += r.bytes;
        if (r.status < 200 || r.status >= 300) {
          errors += 1;
          firstError ??= `HTTP ${r.status}`;
        }
      } catch (e) {
        errors += 1;
        firstError ??= String(e);
        await new Promise((res) => setTimeout(res, 10));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    bytes: latencies.length ? Math.round(bytes / latencies.length) : 0,
  };
}
