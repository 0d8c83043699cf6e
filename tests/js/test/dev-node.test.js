// The wallet side: @polkadot/api reads the dev chain's properties and metadata, and signs and
// submits a transfer from //Alice that lands in a finalized block with its event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, waitFor } from './lib.js';

test('polkadot.js reads the chain and a signed transfer is finalized', { timeout: 240_000 }, async () => {
  const node = await startNode(['--dev']);
  let api;
  try {
    await cryptoWaitReady();
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });

    // Token properties as a wallet shows them.
    assert.equal(api.registry.chainSS58, 42);
    assert.deepEqual(api.registry.chainDecimals, [12]);
    assert.deepEqual(api.registry.chainTokens, ['CNET']);
    assert.equal(api.runtimeVersion.specName.toString(), 'compnet');
    assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);

    // Blocks are finalized.
    await waitFor('finalized block 2', 60_000, async () => {
      const head = await api.rpc.chain.getFinalizedHead();
      const header = await api.rpc.chain.getHeader(head);
      return header.number.toNumber() >= 2;
    });

    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    const amount = 5_000_000_000_000n;
    const before = (await api.query.system.account(bob.address)).data.free.toBigInt();

    const events = await new Promise((resolve, reject) => {
      let unsub;
      api.tx.balances
        .transferKeepAlive(bob.address, amount)
        .signAndSend(alice, ({ status, events, dispatchError }) => {
          if (dispatchError) { unsub?.(); reject(new Error(dispatchError.toString())); }
          if (status.isFinalized) { unsub?.(); resolve(events); }
        })
        .then((u) => { unsub = u; })
        .catch(reject);
    });
    const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.ok(transfer, 'a Balances.Transfer event');
    const [from, to, value] = transfer.event.data;
    assert.equal(from.toString(), alice.address);
    assert.equal(to.toString(), bob.address);
    assert.equal(value.toBigInt(), amount);
    assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));

    const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
    assert.equal(after, before + amount);
  } finally {
    await api?.disconnect();
    await node.stop();
  }
});
