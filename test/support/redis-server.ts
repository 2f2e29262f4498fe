/**
 * A real redis-server on a free port for one test file, benchmark or e2e spec: no persistence,
 * loopback only, stopped by `stop()` (and killed with its parent if that dies first).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { connect as tlsConnect } from "node:tls";

const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "redis-server";
const STARTUP_ATTEMPTS = 100;
const STARTUP_POLL_MS = 50;

export interface RedisProcess {
  readonly port: number;
  /** redis:// or, with TLS, rediss:// */
  readonly url: string;
  /** With TLS: the self-signed certificate clients must trust (e.g. NODE_EXTRA_CA_CERTS). */
  readonly caFile: string | null;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
  const child = spawn(REDIS_SERVER_BIN, [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  for (let attempt = 0; attempt < STARTUP_ATTEMPTS; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (is it installed?)`);
    if (await answersPing(port, tls)) {
      return {
        port,
        url: `${tls ? "rediss" : "redis"}://127.0.0.1:${port}`,
        caFile: certDir ? path.join(certDir, "cert.pem") : null,
        process: child,
        stop: async () => {
          process.off("exit", killOnExit);
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
          if (certDir) rmSync(certDir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, STARTUP_POLL_MS));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not answer on port ${port}`);
}
