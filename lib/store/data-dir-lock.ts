import "server-only";
import { randomBytes } from "node:crypto";
import { link, mkdir, rename, unlink } from "node:fs/promises";
import { createConnection, createServer, type Server } from "node:net";
import path from "node:path";

/**
 * The embedded store's one-process rule. The lock is a Unix socket in DATA_DIR that this process
 * listens on: the kernel closes it when the process dies, however it dies, so a kill -9 leaves a
 * socket file nobody answers, which the next start recognises and replaces. No pid to be reused.
 */

export const LOCK_FILE_NAME = "store.lock";
/** sun_path is 104 bytes on macOS and 108 on Linux, including the final NUL. */
const MAX_SOCKET_PATH_BYTES = 103;
/** A stale lock is replaced and the listen retried; more rounds than this means a live contender. */
const MAX_TAKE_ATTEMPTS = 5;
/** A stale lock is moved aside under its name plus "." and this many hex digits. */
const ASIDE_SUFFIX_HEX = 12;

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `DATA_DIR ${dataDir} is in use by another process: the embedded store (PGlite) serves one process. ` +
        "Stop the other process, or set DATABASE_URL to a PostgreSQL server to run several.",
    );
    this.name = "DataDirInUseError";
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function listen(socketPath: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Contenders only connect to learn the lock is alive; nothing is ever said on it.
    const server = createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      server.unref();
      resolve(server);
    });
  });
}

/** Whether a live process listens on the socket file. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error) => {
      const code = errorCode(error);
      if (code === "ECONNREFUSED" || code === "ENOENT") resolve(false);
      else reject(error);
    });
  });
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const socketPath = path.join(dataDir, LOCK_FILE_NAME);
  const longest = Buffer.byteLength(socketPath) + 1 + ASIDE_SUFFIX_HEX;
  if (longest > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`DATA_DIR ${dataDir} is too long for its lock (a Unix socket path): use a path ${longest - MAX_SOCKET_PATH_BYTES} bytes shorter`);
  }
  for (let attempt = 0; attempt < MAX_TAKE_ATTEMPTS; attempt += 1) {
    try {
      const server = await listen(socketPath);
      return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    } catch (error) {
      if (errorCode(error) !== "EADDRINUSE") throw error;
    }
    if (await answers(socketPath)) throw new DataDirInUseError(dataDir);
    // Stale: move it aside (atomic), then check that what moved is the dead one, not a lock a
    // contender took in between; a live one is linked back (link never overwrites).
    const aside = `${socketPath}.${randomBytes(ASIDE_SUFFIX_HEX / 2).toString("hex")}`;
    try {
      await rename(socketPath, aside);
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue;
      throw error;
    }
    const stolen = await answers(aside);
    if (stolen) await link(aside, socketPath).catch(() => undefined);
    await unlink(aside);
    if (stolen) throw new DataDirInUseError(dataDir);
  }
  throw new DataDirInUseError(dataDir);
}
