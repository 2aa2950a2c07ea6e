#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx briefbot` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runMain } = await import('../src/adapters/cli/main.ts');
await runMain();
