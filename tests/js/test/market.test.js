// The market from polkadot.js against the real dev node: a provider registers, bonds and publishes
// an offer; a consumer asks for a quote, submits a job, sees it matched, and reads the job's state,
// its escrow and deposit, and the market statistics back; the provider acknowledges the input,
// commits, reveals and is paid, and its quality score rises. Then a canary job catches a wrong
// answer and the provider is slashed. Governance sets the spot-check rate to its floor first
// (a runtime parameter in storage), and two more providers of other operators stand by as
// auditors (they run no worker; at the floor rate no job is drawn): with fewer than two able to
// audit, every job is audited, and on a one-provider chain nobody can, so nothing is ever paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, hexToU8a } from '@polkadot/util';
import { commitAndReveal, marketWithAuditors, registerH100, startNode, submit } from './lib.js';

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
    const canaryOwner = keyring.addFromUri('//Dave');
    const sudo = await marketWithAuditors(api, keyring);

    // The provider: one H100 in Germany, bonded, offering 1,000 planck per unit, 2 jobs at once.
    await registerH100(api, provider, '0x4445');
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
    // Escrow: 1,500 × 9 plus a 10% audit budget, on a hold; the job's deposit on another.
    assert.equal(job.escrow.toBigInt(), 13500n + 1350n);
    const holds = await api.query.balances.holds(consumer.address);
    assert.equal(holds[0].amount.toBigInt(), 14850n);
    assert.equal(holds[1].amount.toBigInt(), job.deposit.toBigInt());
    assert.ok(job.deposit.toBigInt() > 0n, 'a job is not free to leave in storage');

    // The provider got the input: it says so, and its commit window opens.
    events = await submit(api, api.tx.market.acknowledgeInput(jobId), provider);
    const acked = events.find(({ event }) => api.events.market.InputAcknowledged.is(event));
    assert.ok(acked, 'the acknowledgement was recorded');
    assert.ok((await api.query.market.jobs(jobId)).unwrap().state.isRunning);

    let stats = await api.call.marketApi.stats();
    assert.equal(stats.jobs.running.toNumber(), 1);
    assert.equal(stats.jobs.submitted.toNumber(), 1);
    assert.equal(stats.providers.active.toNumber(), 3);
    assert.equal(stats.providers.activeCapacity.toNumber(), 3000);
    const h100 = stats.classes.find((c) => c.class.isH100);
    assert.equal(h100.referencePrice.unwrap().toBigInt(), 1667n);

    // The provider commits to its result (salted), the draw leaves it unaudited, the provider
    // reveals, and the job settles: 9,000 less the 3% fee.
    const before = (await api.query.system.account(provider.address)).data.free.toBigInt();
    const root = blake2AsHex('the result bytes');
    events = await commitAndReveal(api, provider, jobId, root);
    const settled = events.find(({ event }) => api.events.market.JobSettled.is(event));
    assert.ok(settled, 'the reveal settled the job');
    assert.equal(settled.event.data.paid.toBigInt(), 8730n);
    assert.equal(settled.event.data.fee.toBigInt(), 270n);
    assert.equal(settled.event.data.refunded.toBigInt(), 14850n - 9000n);
    const after = (await api.query.system.account(provider.address)).data.free.toBigInt();
    assert.ok(after > before - 10n ** 11n, 'paid, less the transaction fees (under 0.1 CNET)');
    assert.ok((await api.query.market.jobs(jobId)).unwrap().state.isSettled);

    // The provider's score after the settlement: a completed job raised speed and stability.
    const score = await api.call.qualityApi.score(provider.address);
    assert.ok(score.stability.toNumber() > 500_000, `score: ${score.toString()}`);
    assert.ok(score.speed.toNumber() > 500_000, `score: ${score.toString()}`);
    assert.ok(score.composite.toNumber() > 500_000, `score: ${score.toString()}`);
    const best = await api.call.qualityApi.best('H100', 5);
    assert.equal(best[0][0].toString(), provider.address);

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

    // A canary: root seals the answer in advance, under a key that names the canary's input (known
    // only to root until the job is submitted) and not the job.
    const canaryJob = (await api.query.market.nextJobId()).toNumber();
    const salt = blake2AsU8a('canary salt');
    const right = blake2AsHex('the right answer');
    const canaryInput = blake2AsHex('a canary input nobody else names');
    const sealed = blake2AsHex(u8aConcat(stringToU8a('compnet/canary/input'), hexToU8a(canaryInput), salt));
    const answer = blake2AsHex(u8aConcat(stringToU8a('compnet/canary/root'), hexToU8a(right), salt));
    // Sealed in a batch with a decoy; the event counts the seals and names no job.
    const decoy = [blake2AsHex('a decoy seal'), blake2AsHex('a decoy answer')];
    events = await submit(api, api.tx.sudo.sudo(api.tx.audit.sealCanaries([decoy, [sealed, answer]])), sudo);
    const sealedEvent = events.find(({ event }) => api.events.audit.CanariesSealed.is(event));
    assert.equal(sealedEvent.event.data.count.toNumber(), 2);
    const canaryHead = (await api.rpc.chain.getHeader()).number.toNumber();
    events = await submit(
      api,
      api.tx.market.submitJob(GEMM, 1500, canaryHead + 1000, EUROPE_ONLY, 'Standard', canaryInput),
      canaryOwner,
    );
    assert.ok(events.some(({ event }) => api.events.market.JobAssigned.is(event)));
    // The provider answers wrong; nothing tells it the job is a canary, and it is paid at first.
    events = await commitAndReveal(api, provider, canaryJob, blake2AsHex('a wrong answer'));
    assert.ok(events.some(({ event }) => api.events.market.JobSettled.is(event)));
    const bondBefore = (await api.query.providers.providers(provider.address)).unwrap().bonded.toBigInt();
    // Root reveals the canary: the wrong answer is a failed audit, and the slash follows.
    events = await submit(api, api.tx.sudo.sudo(api.tx.audit.revealCanary(canaryJob, right, salt)), sudo);
    const checked = events.find(({ event }) => api.events.audit.CanaryChecked.is(event));
    assert.ok(checked, 'the canary was checked');
    assert.equal(checked.event.data.passed.isTrue, false);
    const slashed = events.find(({ event }) => api.events.providers.Slashed.is(event));
    assert.ok(slashed, 'the provider was slashed');
    assert.equal(slashed.event.data.reason.toString(), 'WrongResult');
    assert.equal(slashed.event.data.amount.toBigInt(), bondBefore / 10n);
    const bondAfter = (await api.query.providers.providers(provider.address)).unwrap().bonded.toBigInt();
    assert.equal(bondAfter, bondBefore - bondBefore / 10n);
    const record = (await api.query.audit.audits(canaryJob)).unwrap();
    assert.ok(record.decision.unwrap().isCanaryFailed);
    const fallen = await api.call.qualityApi.score(provider.address);
    assert.ok(fallen.security.toNumber() < 500_000, `score: ${fallen.toString()}`);
  } finally {
    await api?.disconnect();
    await node.stop();
  }
});
