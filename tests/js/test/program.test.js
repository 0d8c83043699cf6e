// A program job from polkadot.js against the real dev node: a consumer reads the chain's bounds on
// programs, quotes and submits a WebAssembly workload (its module a blob root, like the input), and
// the escrow covers the fuel limit. The provider commits to the result bound to the fuel its run
// used, reveals with `audit.revealMetered`, and the job is billed by that fuel: the provider is
// paid for the units used and the rest of the escrow goes back to the consumer. A program beyond
// the bounds, a plain reveal of a program job and a fuel beyond the limit are each refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import {
  commitment, marketWithAuditors, meteredRoot, registerH100, revealPhase, startNode, submit,
} from './lib.js';

// Fuel per compute unit (compnet_primitives::FUEL_PER_UNIT).
const FUEL_PER_UNIT = 15_700_000n;
const EUROPE_ONLY = 1 << 2; // RegionSet bit of RegionGroup::Europe

test('a consumer runs a WebAssembly program with polkadot.js, billed by its fuel', { timeout: 300_000 }, async () => {
  const node = await startNode(['--dev']);
  let api;
  try {
    await cryptoWaitReady();
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const provider = keyring.addFromUri('//Eve');
    const consumer = keyring.addFromUri('//Ferdie');
    await marketWithAuditors(api, keyring);
    await registerH100(api, provider, '0x4445');
    await submit(api, api.tx.market.setOffer(1000, 2, true), provider);

    // The chain's bounds on programs are a runtime constant the wallet reads.
    const limits = api.consts.market.programLimits;
    assert.equal(limits.moduleBytes.toNumber(), 8 << 20);
    assert.equal(limits.fuel.toBigInt(), 10n ** 13n);
    assert.equal(limits.memoryMib.toNumber(), 4096);
    assert.equal(limits.outputKib.toNumber(), 64 << 10);

    // A program: its module's blob root, at most 10 units of fuel, 64 MiB of memory, 1 MiB out.
    const module = blake2AsHex('a WebAssembly module');
    const fuelLimit = 10n * FUEL_PER_UNIT;
    const program = { Wasm: { module, fuel: fuelLimit, memoryMib: 64, outputKib: 1024 } };
    const quote = await api.call.marketApi.quote(program, 1500, EUROPE_ONLY, 'Standard');
    assert.ok(quote.isOk, `quote: ${quote.toString()}`);
    assert.equal(quote.asOk.units.toNumber(), 10);
    assert.equal(quote.asOk.cost.toBigInt(), 10_000n);

    // Beyond the bounds: the quote says why, and the submission is refused, holding nothing.
    const huge = { Wasm: { module, fuel: limits.fuel.toBigInt() + 1n, memoryMib: 64, outputKib: 1024 } };
    const refused = await api.call.marketApi.quote(huge, 1500, EUROPE_ONLY, 'Standard');
    assert.ok(refused.isErr && refused.asErr.isProgramTooLarge, refused.toString());
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const inputRoot = blake2AsHex('the program input');
    await assert.rejects(
      submit(api, api.tx.market.submitJob(huge, 1500, head + 1000, EUROPE_ONLY, 'Standard', inputRoot), consumer),
      /market\.ProgramTooLarge/,
    );
    assert.equal((await api.query.balances.holds(consumer.address)).length, 0, 'a refused job holds nothing');

    // Submitted: matched at once at the offer's 1,000; the escrow covers the fuel limit at the bid
    // (1,500 × 10) plus the 10% audit budget.
    let events = await submit(
      api, api.tx.market.submitJob(program, 1500, head + 1000, EUROPE_ONLY, 'Standard', inputRoot), consumer,
    );
    const assigned = events.find(({ event }) => api.events.market.JobAssigned.is(event));
    assert.ok(assigned, 'the program job was matched in the block that took it');
    const jobId = assigned.event.data.job.toNumber();
    let job = (await api.query.market.jobs(jobId)).unwrap();
    assert.ok(job.spec.workload.isWasm);
    assert.equal(job.spec.workload.asWasm.module.toHex(), module);
    assert.equal(job.units.toNumber(), 10);
    assert.equal(job.escrow.toBigInt(), 16_500n);
    await submit(api, api.tx.market.acknowledgeInput(jobId), provider);

    // The run used 3 units and 1 fuel: 4 units billed. The provider commits to the result bound to
    // that fuel.
    const fuelUsed = 3n * FUEL_PER_UNIT + 1n;
    const root = blake2AsHex('the program output');
    const salt = blake2AsU8a('program salt');
    const committed = commitment(provider.address, jobId, meteredRoot(root, fuelUsed), salt);
    events = await submit(api, api.tx.audit.commitResult(jobId, committed), provider);
    assert.ok(events.some(({ event }) => api.events.audit.ResultCommitted.is(event)));
    await revealPhase(api, jobId);

    // A program job is revealed with its fuel, and never with more than its limit.
    await assert.rejects(submit(api, api.tx.audit.reveal(jobId, root, salt), provider), /audit\.WrongRevealForWorkload/);
    await assert.rejects(
      submit(api, api.tx.audit.revealMetered(jobId, root, fuelLimit + 1n, salt), provider),
      /audit\.FuelBeyondLimit/,
    );

    // The reveal bills the job by the fuel: paid 1,000 × 4 less the 3% fee, the rest refunded.
    events = await submit(api, api.tx.audit.revealMetered(jobId, root, fuelUsed, salt), provider);
    const metered = events.find(({ event }) => api.events.market.UsageMetered.is(event));
    assert.ok(metered, 'the reveal metered the job');
    assert.equal(metered.event.data.fuelUsed.toBigInt(), fuelUsed);
    assert.equal(metered.event.data.units.toNumber(), 4);
    const settled = events.find(({ event }) => api.events.market.JobSettled.is(event));
    assert.ok(settled, 'the reveal settled the job');
    assert.equal(settled.event.data.paid.toBigInt(), 3880n);
    assert.equal(settled.event.data.fee.toBigInt(), 120n);
    assert.equal(settled.event.data.refunded.toBigInt(), 16_500n - 4000n);
    job = (await api.query.market.jobs(jobId)).unwrap();
    assert.ok(job.state.isSettled);
    assert.equal(job.units.toNumber(), 4);
    // Nothing stays held but the job's storage deposit.
    const holds = await api.query.balances.holds(consumer.address);
    assert.deepEqual(holds.map((h) => h.amount.toBigInt()), [job.deposit.toBigInt()]);

    const stats = await api.call.marketApi.stats();
    assert.equal(stats.jobs.settled.toNumber(), 1);
  } finally {
    await api?.disconnect();
    await node.stop();
  }
});
