/**
 * A real redis-server on a free port for one test file, benchmark or e2e spec: no persistence,
 * loopback only, stopped by `stop()` (and killed with its parent if that dies first).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { connect as tlsConnect } from "node:tls";
import type { Redis } from "ioredis";
import { freePort, spawnProcess, type Spawned } from "./processes";

const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "redis-server";
const STARTUP_ATTEMPTS = 100;
const STARTUP_POLL_MS = 50;

export interface RedisProcess {
  readonly port: number;
  /** redis:// or, with TLS, rediss:// */
  readonly url: string;
  /** With TLS: the self-signed certificate clients must trust (e.g. NODE_EXTRA_CA_CERTS). */
  readonly caFile: string | null;
  readonly pid: number;
  /** What redis-server logged. */
  output(): string;
  stop(): Promise<void>;
}

function answersPing(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = tls
      ? tlsConnect({ port, host: "127.0.0.1", rejectUnauthorized: false })
      : createConnection({ port, host: "127.0.0.1" });
    socket.once("error", () => resolve(false));
    socket.once(tls ? "secureConnect" : "connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
  });
}

/** A self-signed certificate for 127.0.0.1 / localhost, as a managed Redis would present (openssl CLI). */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  return { cert, key };
}

export async function startRedis({ tls = false }: { tls?: boolean } = {}): Promise<RedisProcess> {
  const port = await freePort();
  const certDir = tls ? mkdtempSync(path.join(os.tmpdir(), "redis-tls-")) : null;
  const listen = certDir
    ? (() => {
        const { cert, key } = selfSignedCertificate(certDir);
        return ["--port", "0", "--tls-port", String(port), "--tls-cert-file", cert, "--tls-key-file", key, "--tls-ca-cert-file", cert, "--tls-auth-clients", "no"];
      })()
    : ["--port", String(port)];
  const server: Spawned = spawnProcess(REDIS_SERVER_BIN, [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {});
  let exitCode: number | string | null = null;
  void server.exited.then((code) => (exitCode = code));
  for (let attempt = 0; attempt < STARTUP_ATTEMPTS; attempt += 1) {
    if (exitCode !== null) throw new Error(`redis-server exited with ${exitCode} (is it installed?):\n${server.output()}`);
    if (await answersPing(port, tls)) {
      return {
        port,
        url: `${tls ? "rediss" : "redis"}://127.0.0.1:${port}`,
        caFile: certDir ? path.join(certDir, "cert.pem") : null,
        pid: server.pid,
        output: server.output,
        stop: async () => {
          await server.stop();
          if (certDir) rmSync(certDir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, STARTUP_POLL_MS));
  }
  await server.stop();
  throw new Error(`redis-server did not answer on port ${port}:\n${server.output()}`);
}

// PTTL and PEXPIRE in one script, so no command of the code under test lands between them.
const AGE_KEYS = `
for _, key in ipairs(redis.call('KEYS', ARGV[1])) do
  local ttl = redis.call('PTTL', key)
  if ttl > 0 then
    if ttl <= tonumber(ARGV[2]) then redis.call('DEL', key) else redis.call('PEXPIRE', key, ttl - tonumber(ARGV[2])) end
  end
end
return 0`;

/**
 * Moves Redis's clock forward by `ms` for the keys matching `pattern`: each key with a TTL is
 * expired, or its TTL shortened, exactly as `ms` of waiting would. Redis's expiry runs on its own
 * clock, which a fake clock cannot move; hooked to a fake clock's advance, this lets a test of a
 * lease skip the wait while the code under test still relies on Redis's own PX/PEXPIRE.
 */
export async function ageRedisKeys(redis: Redis, ms: number, pattern = "*"): Promise<void> {
  await redis.eval(AGE_KEYS, 0, pattern, String(ms));
}
