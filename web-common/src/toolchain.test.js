import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// The build runs this package's tools on the Node pinned in package.json (the npm package `node`), not on the machine's
// Node: Vitest and Vite need Node 22.12 or newer, and a build must not depend on what a machine happens to have.
describe('toolchain', () => {
  it('runs on the pinned Node', () => {
    expect(process.version).toBe(`v${pkg.devDependencies.node}`);
  });
});
