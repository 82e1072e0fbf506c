// How every Lambda is bundled: esbuild from node_modules, never Docker, so `npm run synth`
// and the tests work offline on a machine without a container engine.
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root: the lock file, package.json and tsconfig live here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));

export const BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  // ESM builds of dependencies first, so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  // Some bundled CommonJS dependencies call require() for Node built-ins; ESM has no
  // require, so give the bundle one (the pattern Powertools' example app uses).
  banner: "import { createRequire as skiffCreateRequire } from 'node:module'; const require = skiffCreateRequire(import.meta.url);",
  // The AWS SDK is bundled rather than taken from the runtime: the versions the tests ran
  // against are the versions deployed, and the runtime's copy can lag ours.
  externalModules: [],
  minify: true,
  sourceMap: true,
  // Stack traces need line mappings, not the sources: keeps the .map files small.
  sourcesContent: false,
};
