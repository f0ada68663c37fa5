import AdmZip from 'adm-zip';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderManifest } from '../appPackage/manifest-render';

/**
 * `npm run package`: fills the manifest's ${{VAR}} placeholders from the environment (Agents Toolkit
 * convention, env/.env.<name>) and zips manifest.json with both icons into appPackage/build/.
 */
const dir = fileURLToPath(new URL('../appPackage/', import.meta.url));
const envName = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'dev';
const fileVars = readEnvFile(`${fileURLToPath(new URL('../env/', import.meta.url))}.env.${envName}`);
const manifest = renderManifest(readFileSync(`${dir}manifest.json`, 'utf8'), { ...fileVars, ...process.env });

const zip = new AdmZip();
zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
zip.addFile('color.png', readFileSync(`${dir}color.png`));
zip.addFile('outline.png', readFileSync(`${dir}outline.png`));
mkdirSync(`${dir}build`, { recursive: true });
const out = `${dir}build/appPackage.${envName}.zip`;
writeFileSync(out, zip.toBuffer());
console.log(
  `Wrote appPackage/build/appPackage.${envName}.zip (upload it in Teams: Apps → Manage your apps → Upload an app)`,
);

function readEnvFile(path: string): Record<string, string> {
  try {
    return Object.fromEntries(
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#') && line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
    );
  } catch {
    return {};
  }
}
