// Test support: start the real compnet-node on free local ports and stop it afterwards.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The compnet-node binary: COMPNET_NODE_BIN, or the release build in CARGO_TARGET_DIR. */
export function nodeBinary() {
  if (process.env.COMPNET_NODE_BIN) return process.env.COMPNET_NODE_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'compnet', 'target');
  return join(target, 'release', 'compnet-node');
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `compnet-node <args> --tmp` with its RPC on a free port; resolves once RPC listens. */
export async function startNode(args) {
  const bin = nodeBinary();
  if (!existsSync(bin)) throw new Error(`${bin} not found: build the node first`);
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const child = spawn(bin, [...args, '--tmp', '--rpc-port', String(rpcPort), '--port', String(p2pPort),
    '--no-prometheus', '--no-telemetry', '--no-mdns'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start RPC in 60 s:\n${log}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      log += chunk.toString();
      if (log.includes('Running JSON-RPC server')) { clearTimeout(timer); resolve(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`node exited (${code}):\n${log}`)); });
  });
  return {
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => log,
    /** SIGTERM, then SIGKILL after 10 s. */
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.on('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** Resolves when `check()` returns a truthy value; rejects after `timeoutMs`. */
export async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Signs and submits `tx`; resolves with its events once it is in a block, rejects on failure. */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        unsub?.();
        const e = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
        reject(new Error(e ? `${e.section}.${e.name}` : dispatchError.toString()));
      } else if (status.isInBlock) {
        unsub?.();
        resolve(events);
      }
    }).then((u) => { unsub = u; }).catch(reject);
  });
}
