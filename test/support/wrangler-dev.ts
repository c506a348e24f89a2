/**
 * Starts the worker under a real `wrangler dev` (workerd, offline) on free local ports, for the end-to-end tests and
 * scripts/measure-dev.ts. Wrangler's settings and local KV go to a temporary folder; stop() ends the whole process
 * group it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface WranglerDev {
  baseUrl: string;
  inspectorPort: number;
  /** Everything wrangler printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  /** Extra `--var NAME:VALUE` bindings (vars and, locally, secrets). */
  vars?: Record<string, string>;
  /** How long to wait for the worker to answer /healthz. */
  readyTimeoutMs?: number;
  cwd?: string;
  /** Worker entry instead of wrangler.toml's `main`. */
  entry?: string;
  /**
   * How to tell that it serves: "healthz" polls GET /healthz (default); "ready-line" waits for wrangler's
   * "Ready on" line without sending the worker any request, so the next request meets a cold isolate.
   */
  waitFor?: "healthz" | "ready-line";
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilServing(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
  waitFor: "healthz" | "ready-line",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    if (waitFor === "ready-line") {
      if (output().includes(`Ready on ${baseUrl}`)) return;
    } else {
      try {
        const response = await fetch(`${baseUrl}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not serve ${baseUrl}/healthz within ${timeoutMs} ms:\n${output()}`);
}

export async function startWranglerDev(options: WranglerDevOptions = {}): Promise<WranglerDev> {
  const cwd = options.cwd ?? process.cwd();
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const home = mkdtempSync(join(tmpdir(), "edgecall-wrangler-"));
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = [
    "dev",
    ...(options.entry === undefined ? [] : [options.entry]),
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    join(home, "state"),
    "--show-interactive-dev-session=false",
    ...vars,
  ];
  const child = spawn(join(cwd, "node_modules/.bin/wrangler"), args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", XDG_CONFIG_HOME: join(home, "config"), CI: "true" },
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      const forced = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(home, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(baseUrl, child, options.readyTimeoutMs ?? 120_000, () => log, options.waitFor ?? "healthz");
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, inspectorPort, output: () => log, stop };
}
