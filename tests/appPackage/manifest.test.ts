import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { renderManifest } from '../../appPackage/manifest-render';
import { readPngHeader } from '../../scripts/png';

const root = fileURLToPath(new URL('../../', import.meta.url));
const template = readFileSync(`${root}appPackage/manifest.json`, 'utf8');
const devVars = {
  TEAMS_APP_ID: '3f1b2a4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  BOT_ID: '00000000-0000-0000-0000-000000000011',
  APP_NAME_SUFFIX: ' (dev)',
  DRIFTWATCH_WEBSITE_URL: 'https://driftwatch.example',
};

interface Manifest {
  bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
}

describe('the Teams app manifest', () => {
  it('validates against its bundled Teams schema, offline', async () => {
    const manifest = renderManifest(template, devVars);

    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never);

    expect(errors).toEqual([]);
  });

  it('is a bot for team, personal and group chat scopes', () => {
    const manifest = renderManifest(template, devVars) as Manifest;

    expect(manifest.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('names a placeholder that has no value instead of producing a broken manifest', () => {
    expect(() => renderManifest(template, { ...devVars, BOT_ID: undefined })).toThrow(/needs BOT_ID/);
  });
});

describe('npm run package', () => {
  it('zips the manifest and both icons at the sizes Teams requires', () => {
    execFileSync(process.execPath, [`${root}bin/run-ts.js`, `${root}scripts/build-app-package.ts`, 'dev'], {
      env: { ...process.env, ...devVars },
      stdio: 'pipe',
    });

    const zip = new AdmZip(`${root}appPackage/build/appPackage.dev.zip`);
    const names = zip
      .getEntries()
      .map((e) => e.entryName)
      .sort();
    const color = readPngHeader(zip.readFile('color.png') as Buffer);
    const outline = readPngHeader(zip.readFile('outline.png') as Buffer);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { id: string; bots: { botId: string }[] };

    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, colourType: 6 });
    expect(manifest.id).toBe(devVars.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(devVars.BOT_ID);
  });
});
