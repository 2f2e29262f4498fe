/**
 * Processes a spec or benchmark starts for itself (its own demo exchange, redis-server and app
 * instances on free ports), so injecting faults or stopping Redis never disturbs the shared
 * servers of other specs. `stopAll()` stops every one; should the runner die first, they are killed on exit.
 */
import { freePort, startRedis, type RedisProcess } from "../../test/support/redis-server";
import { spawnApp, spawnProcess, waitForUrl, type Spawned } from "./processes";

export { type RedisProcess };

export interface Started {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr (its logs). */
  output(): string;
}

export class ProcessGroup {
  private readonly spawned: Spawned[] = [];
  private readonly redises: RedisProcess[] = [];
  private readonly killOnExit = () => this.spawned.forEach((server) => server.child.kill("SIGKILL"));

  constructor() {
    process.once("exit", this.killOnExit);
  }

  /** A redis-server of its own; `tls` serves rediss:// with a self-signed certificate. */
  async redis(options: { tls?: boolean } = {}): Promise<RedisProcess> {
    const redis = await startRedis(options);
    this.redises.push(redis);
    return redis;
  }

  /** The standalone demo exchange (`npm run demo-exchange`), e.g. with `["--jitter-ms", "20"]`. */
  async exchange(args: string[] = []): Promise<Started> {
    const port = await freePort();
    const server = spawnProcess("node", ["--conditions=react-server", "--import", "tsx", "bin/demo-exchange.ts", "--port", String(port), ...args], {});
    return this.started(server, port, "/__demo/health");
  }

  /** The production build (`npm run build` first) as a standalone server. */
  async app(env: Record<string, string>): Promise<Started> {
    const port = await freePort();
    return this.started(spawnApp(port, { NEXT_TELEMETRY_DISABLED: "1", ...env }), port, "/api/health");
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.spawned.map((server) => server.stop()));
    await Promise.all(this.redises.map((redis) => redis.stop()));
    process.off("exit", this.killOnExit);
  }

  private async started(server: Spawned, port: number, readyPath: string): Promise<Started> {
    this.spawned.push(server);
    const url = `http://127.0.0.1:${port}`;
    await waitForUrl(`${url}${readyPath}`, server);
    return { url, port, pid: server.child.pid!, output: server.output };
  }
}
