// A provider operator with polkadot.js: registers 8 H100s, bonds the stake they need, and reads
// its record and the registry's running totals back from the real dev node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, submit } from './lib.js';

test('a provider registers and bonds from polkadot.js', { timeout: 240_000 }, async () => {
  const node = await startNode(['--dev']);
  let api;
  try {
    await cryptoWaitReady();
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
    const dave = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave');
    const unit = 10n ** 12n;

    const profile = {
      class: 'H100', devices: 8, memoryGib: 80, capacity: 8000,
      region: { country: '0x4445', group: 'Europe' },
      endpoint: 'https://gpu1.example.org:8443', operator: dave.address,
    };
    let events = await submit(api, api.tx.providers.register(profile), dave);
    assert.ok(events.some(({ event }) => api.events.providers.Registered.is(event)));

    // Too little stake for 8 H100s leaves the provider registered but inactive.
    await submit(api, api.tx.providers.bond(100n * unit), dave);
    let totals = (await api.query.providers.totals()).toJSON();
    assert.equal(totals.registered, 1);
    assert.equal(totals.active, 0);

    // 800 CNET covers 8 H100-equivalents at 100 CNET each.
    events = await submit(api, api.tx.providers.bond(700n * unit), dave);
    assert.ok(events.some(({ event }) => api.events.providers.Bonded.is(event)));
    totals = (await api.query.providers.totals()).toJSON();
    assert.deepEqual(totals, { registered: 1, active: 1, registeredCapacity: 8000, activeCapacity: 8000 });
    const h100 = (await api.query.providers.classTotals('H100')).toJSON();
    assert.equal(h100.activeCapacity, 8000);

    const record = (await api.query.providers.providers(dave.address)).unwrap();
    assert.equal(record.bonded.toBigInt(), 800n * unit);
    assert.equal(record.profile.operator.toString(), dave.address);
    // Two holds: the registration deposit (held first), then the stake.
    const held = await api.query.balances.holds(dave.address);
    assert.equal(held.length, 2);
    assert.deepEqual(held[0].id.toJSON(), { providers: 'Deposit' });
    assert.equal(held[0].amount.toBigInt(), record.deposit.toBigInt());
    assert.ok(record.deposit.toBigInt() > 0n, 'registration is not free');
    assert.equal(held[1].amount.toBigInt(), 800n * unit, 'the stake sits on a hold');

    // The chain refuses a bad profile with a clear error, and nothing changes.
    await assert.rejects(
      submit(api, api.tx.providers.updateProfile({ ...profile, capacity: 9000 }), dave),
      /providers\.BadProfile/,
    );
  } finally {
    await api?.disconnect();
    await node.stop();
  }
});
