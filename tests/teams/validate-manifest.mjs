// Validates a Teams app manifest offline with Microsoft's @microsoft/app-manifest (schemas bundled in the package).
// Usage: node tests/teams/validate-manifest.mjs <manifest.json>  → prints the errors as a JSON array; exit 0.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'package.json'));
const { AppManifestUtils } = tools('@microsoft/app-manifest');
const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(await AppManifestUtils.validateAgainstSchema(manifest)));
