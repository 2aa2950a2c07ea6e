#!/usr/bin/env -S node --v8-pool-size=0
// (--v8-pool-size=0: V8's background threads sized to the machine; see src/runtime.ts.)
// Runs the TypeScript sources directly through tsx, so `npx briefbot` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runMain } = await import('../src/adapters/cli/main.ts');
await runMain();
