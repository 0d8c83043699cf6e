// Test support: start the real compnet-node on free local ports and stop it afterwards.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { blake2AsHex, blake2AsU8a, decodeAddress, xxhashAsHex } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, hexToU8a, bnToU8a } from '@polkadot/util';

/** One CNET in planck. */
export const UNIT = 10n ** 12n;

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

/** A job id as SCALE encodes it: 8 bytes, little-endian. */
export function u64(n) {
  return bnToU8a(n, { bitLength: 64, isLe: true });
}

/** The value a party commits to for `job`: `blake2_256("compnet/commit/v1" ‖ who ‖ job ‖ root ‖
 * salt)`. */
export function commitment(who, job, root, salt) {
  return blake2AsHex(u8aConcat(
    stringToU8a('compnet/commit/v1'), decodeAddress(who), u64(job), hexToU8a(root), salt,
  ));
}

/** A program job's committed value: `metered_root(root, fuel)` binds the fuel its run used. */
export function meteredRoot(root, fuel) {
  return blake2AsHex(u8aConcat(stringToU8a('compnet/metered/v1/'), hexToU8a(root), u64(fuel)));
}

/** Resolves once job `job`'s audit is in its reveal phase. */
export function revealPhase(api, job) {
  return waitFor('the reveal phase', 60_000, async () => {
    const record = await api.query.audit.audits(job);
    return record.isSome && record.unwrap().phase.isRevealing;
  });
}

/** Commits to `root` for `job` with a fresh salt, waits for the reveal phase, and reveals;
 * returns the reveal's events. */
export async function commitAndReveal(api, provider, job, root) {
  const salt = blake2AsU8a(`salt ${job}`);
  const events = await submit(api, api.tx.audit.commitResult(job, commitment(provider.address, job, root, salt)), provider);
  assert.ok(events.some(({ event }) => api.events.audit.ResultCommitted.is(event)));
  await revealPhase(api, job);
  return submit(api, api.tx.audit.reveal(job, root, salt), provider);
}

/** Registers `who` as a provider of one H100 in `country` (Europe) and bonds 100 CNET. */
export async function registerH100(api, who, country) {
  await submit(api, api.tx.providers.register({
    class: 'H100', devices: 1, memoryGib: 80, capacity: 1000,
    region: { country, group: 'Europe' },
    endpoint: `https://${country.slice(2)}.example.org:8443`, operator: who.address,
  }), who);
  await submit(api, api.tx.providers.bond(100n * UNIT), who);
}

/** The market every wallet test starts from: spot-checks at their floor (a Perbill of 0 at the
 * runtime parameter's storage key, set by `sudo`), and two bonded H100s of their own operators,
 * `//Bob` and `//Charlie`, standing by as auditors without offers (with fewer than two able to
 * audit, every job is audited). */
export async function marketWithAuditors(api, keyring) {
  const sudo = keyring.addFromUri('//Alice');
  const rateKey = xxhashAsHex(':AuditBaseProbability:', 128);
  await submit(api, api.tx.sudo.sudo(api.tx.system.setStorage([[rateKey, '0x00000000']])), sudo);
  for (const [uri, country] of [['//Bob', '0x4652'], ['//Charlie', '0x4e4c']]) {
    await registerH100(api, keyring.addFromUri(uri), country);
  }
  return sudo;
}
