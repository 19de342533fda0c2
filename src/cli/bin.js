#!/usr/bin/env node
// The generator is written in TypeScript and runs through tsx's loader: no compile step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
