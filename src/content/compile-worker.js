// A worker thread compiling chapters: TypeScript runs through tsx's loader here too.
import { register } from 'tsx/esm/api';

register();
await import('./compile-worker-main.ts');
