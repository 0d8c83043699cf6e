//! The real `compnet-node --dev`: blocks are produced and finalized, a balance transfer signed by
//! `//Alice` through subxt lands in a finalized block with its event, and the chain's token
//! properties are the runtime's.

use compnet_e2e::{rpc_params, wait_for, TestNode};
use std::time::Duration;
use subxt::{dynamic, utils::AccountId32, OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::dev;

#[derive(Debug, scale_decode::DecodeAsType)]
struct AccountInfo {
	data: AccountData,
}

#[derive(Debug, scale_decode::DecodeAsType)]
struct AccountData {
	free: u128,
}

#[derive(Debug, scale_decode::DecodeAsType)]
struct Transfer {
	from: AccountId32,
	to: AccountId32,
	amount: u128,
}

async fn free_balance(api: &OnlineClient<PolkadotConfig>, who: AccountId32) -> u128 {
	let addr = dynamic::storage::<(AccountId32,), AccountInfo>("System", "Account");
	let at = api.at_current_block().await.expect("current block");
	at.storage()
		.fetch(addr, (who,))
		.await
		.expect("account storage readable")
		.decode()
		.expect("AccountInfo decodes")
		.data
		.free
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_produces_finalizes_and_transfers() {
	let node = TestNode::spawn("dev", &["--dev"]);
	let rpc = node.rpc().await;

	// Blocks are authored and finalized.
	wait_for("block 3", Duration::from_secs(60), || async { (rpc.best_number().await >= 3).then_some(()) }).await;
	wait_for("finalized block 2", Duration::from_secs(60), || async {
		(rpc.finalized_number().await >= 2).then_some(())
	})
	.await;

	// Wallets read the token from the chain's properties; they match the runtime's constants.
	let props = rpc.call("system_properties", rpc_params![]).await;
	assert_eq!(props["tokenSymbol"], "CNET");
	assert_eq!(props["tokenDecimals"], 12);
	assert_eq!(props["ss58Format"], 42);
	let api = OnlineClient::<PolkadotConfig>::from_insecure_url(&node.ws_url).await.expect("subxt connects");
	let at = api.at_current_block().await.expect("current block");
	let ss58 = at.constants().entry(dynamic::constant::<u16>("System", "SS58Prefix")).expect("SS58Prefix");
	assert_eq!(ss58, 42, "chain spec and runtime agree on the SS58 prefix");

	// A transfer signed by //Alice is finalized with its event, and Bob's balance grows.
	let alice = dev::alice();
	let bob: AccountId32 = dev::bob().public_key().into();
	let before = free_balance(&api, bob.clone()).await;
	let amount: u128 = 1_234_000_000_000;
	let tx = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(dev::bob().public_key().to_address::<()>(), amount),
	);
	let events = api
		.tx()
		.await
		.expect("transactions client")
		.sign_and_submit_then_watch_default(&tx, &alice)
		.await
		.expect("submitted")
		.wait_for_finalized_success()
		.await
		.expect("finalized with success");
	let transfer = events
		.iter()
		.filter_map(Result::ok)
		.find(|e| e.pallet_name() == "Balances" && e.event_name() == "Transfer")
		.expect("a Balances.Transfer event")
		.decode_fields_unchecked_as::<Transfer>()
		.expect("Transfer decodes");
	assert_eq!(transfer.from, AccountId32::from(alice.public_key()));
	assert_eq!(transfer.to, bob);
	assert_eq!(transfer.amount, amount);
	let after = free_balance(&api, bob).await;
	assert_eq!(after, before + amount);
}
