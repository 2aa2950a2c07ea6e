// A stand-in for `briefbot start` in a shard process: reports what the ShardingManager gave
// it, then waits to be stopped (with a time limit, so a failed test leaves nothing behind).
process.send?.({ probe: { shards: process.env.SHARDS, count: process.env.SHARD_COUNT, manager: process.env.SHARDING_MANAGER, hasToken: (process.env.DISCORD_TOKEN ?? '') !== '', extra: process.env.BRIEFBOT_PROBE ?? null, args: process.argv.slice(2) } });
setTimeout(() => process.exit(0), 20_000);
