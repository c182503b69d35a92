#!/usr/bin/env node
// Launcher: runs the TypeScript sources through tsx so `npx cyclebot` works
// straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli.ts', import.meta.url).href);
