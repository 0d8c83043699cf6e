// The market from polkadot.js against the real dev node: a provider registers, bonds and publishes
// an offer; a consumer asks for a quote, submits a job, sees it matched, and reads the job's state
// and the market statistics back; the provider commits and is paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex } from '@polkadot/util-crypto';
import { startNode, submit } from './lib.js';

const UNIT = 10n ** 12n;
// 2048 × 2048 × 2048 int8 multiply-accumulates: 8.6 GMAC, 9 compute units.
const GEMM = { GemmI8: { m: 2048, n: 2048, k: 2048 } };
const EUROPE_ONLY = 1 << 2; // RegionSet bit of RegionGroup::Europe

test('a consumer buys compute from a provider with polkadot.js', { timeout: 300_000 }, async () => {
  const node = await startNode(['--dev']);
  let api;
  try {
    await cryptoWaitReady();
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const provider = keyring.addFromUri('//Eve');
    const consumer = keyring.addFromUri('//Ferdie');

    // The provider: one H100 in Germany, bonded, offering 1,000 planck per unit, 2 jobs at once.
    await submit(api, api.tx.providers.register({
      class: 'H100', devices: 1, memoryGib: 80, capacity: 1000,
      region: { country: '0x4445', group: 'Europe' },
      endpoint: 'https://eve.example.org:8443', operator: provider.address,
    }), provider);
    await submit(api, api.tx.providers.bond(100n * UNIT), provider);
    let events = await submit(api, api.tx.market.setOffer(1000, 2, true), provider);
    assert.ok(events.some(({ event }) => api.events.market.OfferSet.is(event)));

    // A quote through the runtime API names the provider and the cost.
    const quote = await api.call.marketApi.quote(GEMM, 1500, EUROPE_ONLY, 'Standard');
    assert.ok(quote.isOk, `quote: ${quote.toString()}`);
    const q = quote.asOk;
    assert.equal(q.provider.toString(), provider.address);
    assert.equal(q.units.toNumber(), 9);
    assert.equal(q.cost.toBigInt(), 9000n);
    // A bid below every offer gets the reason, with the cheapest price.
    const tooLow = await api.call.marketApi.quote(GEMM, 10, EUROPE_ONLY, 'Standard');
    assert.ok(tooLow.isErr && tooLow.asErr.isPriceTooHigh, tooLow.toString());
    assert.equal(tooLow.asErr.asPriceTooHigh.cheapest.toBigInt(), 1000n);

    // The consumer bids 1,500 per unit; the job is matched at once at the provider's 1,000.
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const inputRoot = blake2AsHex('input blob');
    events = await submit(
      api,
      api.tx.market.submitJob(GEMM, 1500, head + 1000, EUROPE_ONLY, 'Standard', inputRoot),
      consumer,
    );
    const assigned = events.find(({ event }) => api.events.market.JobAssigned.is(event));
    assert.ok(assigned, 'the job was matched in the block that took it');
    const jobId = assigned.event.data.job.toNumber();
    assert.equal(assigned.event.data.provider.toString(), provider.address);
    assert.equal(assigned.event.data.pricePerUnit.toBigInt(), 1000n);

    const job = (await api.query.market.jobs(jobId)).unwrap();
    assert.ok(job.state.isAssigned, `state: ${job.state.toString()}`);
    assert.equal(job.units.toNumber(), 9);
    // Escrow: 1,500 × 9 plus a 10% audit budget, on a hold.
    assert.equal(job.escrow.toBigInt(), 13500n + 1350n);
    const holds = await api.query.balances.holds(consumer.address);
    assert.equal(holds[0].amount.toBigInt(), 14850n);

    let stats = await api.call.marketApi.stats();
    assert.equal(stats.jobs.running.toNumber(), 1);
    assert.equal(stats.jobs.submitted.toNumber(), 1);
    assert.equal(stats.providers.active.toNumber(), 1);
    assert.equal(stats.providers.activeCapacity.toNumber(), 1000);
    const h100 = stats.classes.find((c) => c.class.isH100);
    assert.equal(h100.referencePrice.unwrap().toBigInt(), 1667n);

    // The provider commits; the job settles: 9,000 less the 3% fee to the provider.
    const before = (await api.query.system.account(provider.address)).data.free.toBigInt();
    const commitment = blake2AsHex('result commitment');
    events = await submit(api, api.tx.market.commitResult(jobId, commitment), provider);
    const settled = events.find(({ event }) => api.events.market.JobSettled.is(event));
    assert.ok(settled, 'the commitment settled the job');
    assert.equal(settled.event.data.paid.toBigInt(), 8730n);
    assert.equal(settled.event.data.fee.toBigInt(), 270n);
    assert.equal(settled.event.data.refunded.toBigInt(), 14850n - 9000n);
    const after = (await api.query.system.account(provider.address)).data.free.toBigInt();
    assert.ok(after > before - 10n ** 10n, 'paid, less the commit transaction fee');
    assert.ok((await api.query.market.jobs(jobId)).unwrap().state.isSettled);

    // The statistics show the cleared price and the discount against the cloud reference.
    stats = await api.call.marketApi.stats();
    assert.equal(stats.jobs.settled.toNumber(), 1);
    const cleared = stats.classes.find((c) => c.class.isH100);
    assert.equal(cleared.averagePrice.unwrap().toBigInt(), 1000n);
    // 1 - 1000 / 1667 = 40.0%
    assert.equal(Math.round(cleared.discount.unwrap().toNumber() / 1e7), 40);

    // Bad input gets a clear error and holds nothing.
    await assert.rejects(
      submit(api, api.tx.market.submitJob(GEMM, 1500, head + 1000, 0, 'Standard', inputRoot), consumer),
      /market\.BadRegions/,
    );
  } finally {
    await api?.disconnect();
    await node.stop();
  }
});
