// Prints what graphql-codegen would generate from codegen.yml, as JSON, without writing files.
// Used by the staleness test (Jest cannot load the codegen CLI's ES modules itself).
import path from 'node:path';
import { root } from './setup.mjs';

const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
process.chdir(root);
const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
const outputs = await generate({ ...config, cwd: root, silent: true }, false);
process.stdout.write(JSON.stringify(outputs.map((o) => ({ filename: path.relative(root, path.resolve(root, o.filename)), content: o.content }))));
