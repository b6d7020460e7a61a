/**
 * The package build: a valid environment gives a zip Teams accepts; anything wrong gives every
 * problem in one run, each naming what to fix, and no zip.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPackage, createAppPackage, DEFAULT_TEMPLATE } from '../../src/package/build-package.js';
import { drawOutlineIcon } from '../../src/package/icons.js';
import { validateManifest } from '../../src/package/validate-manifest.js';
import { BOT_DOMAIN, BOT_ID, readZip, solidPng, TEAMS_APP_ID, temporaryDir, VALID_ENV, writeTemplate } from './helpers.js';

const MANIFEST_DIR = dirname(DEFAULT_TEMPLATE);

let out: ReturnType<typeof temporaryDir>;
let work: ReturnType<typeof temporaryDir>;
beforeEach(() => {
  out = temporaryDir('package-out');
  work = temporaryDir('package-work');
});
afterEach(() => {
  out.remove();
  work.remove();
});

/** Runs the build into the temporary output folder and insists that a failure wrote nothing. */
async function failingBuild(options: Parameters<typeof createAppPackage>[0]): Promise<string[]> {
  const result = await createAppPackage({ ...options, outputDir: out.path });
  expect(result.ok).toBe(false);
  expect(readdirSync(out.path)).toEqual([]);
  return result.ok ? [] : result.problems;
}

/** An icon folder with the real icons, one of them replaced. */
function iconDirWith(name: 'color.png' | 'outline.png', data: Buffer): string {
  for (const icon of ['color.png', 'outline.png']) copyFileSync(join(MANIFEST_DIR, icon), join(work.path, icon));
  writeFileSync(join(work.path, name), data);
  return work.path;
}

describe('a valid environment', () => {
  it('writes <name>.zip with exactly manifest.json and the two icons at the root', async () => {
    const result = await createAppPackage({ env: VALID_ENV, outputDir: out.path });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.zipPath).toBe(join(out.path, 'renewal-bot.zip'));
    expect(readdirSync(out.path)).toEqual(['renewal-bot.zip']); // no temporary file left behind
    const files = readZip(result.zipPath);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('puts a manifest in the zip that validates and carries the ids and the domain', async () => {
    const result = await createAppPackage({ env: { ...VALID_ENV, TEAMS_APP_ID }, outputDir: out.path });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const manifest = JSON.parse(new TextDecoder().decode(readZip(result.zipPath)['manifest.json']));
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([BOT_DOMAIN]);
    expect(manifest.developer.privacyUrl).toBe(`https://${BOT_DOMAIN}/privacy`);
    expect(manifest.version).toBe('0.1.0');
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('uses the bot id as the Teams app id when TEAMS_APP_ID is not set', async () => {
    const result = await buildPackage({ env: { ...VALID_ENV, TEAMS_APP_ID: '' } });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.appPackage.manifest.id).toBe(BOT_ID);
    expect(result.appPackage.values.teamsAppId).toBe(BOT_ID);
  });

  it('names the zip after APP_PACKAGE_NAME and gives the same bytes on every run', async () => {
    const first = await createAppPackage({ env: { ...VALID_ENV, APP_PACKAGE_NAME: 'renewal-bot-test' }, outputDir: out.path });
    const second = await createAppPackage({ env: { ...VALID_ENV, APP_PACKAGE_NAME: 'renewal-bot-test' }, outputDir: work.path });
    if (!first.ok || !second.ok) throw new Error('build failed');
    expect(first.zipPath).toBe(join(out.path, 'renewal-bot-test.zip'));
    expect(readZip(first.zipPath)).toEqual(readZip(second.zipPath));
    expect(readFileSync(first.zipPath).equals(readFileSync(second.zipPath))).toBe(true);
  });
});

describe('a wrong environment', () => {
  it('stops without MicrosoftAppId', async () => {
    const problems = await failingBuild({ env: { BOT_DOMAIN } });
    expect(problems).toEqual([expect.stringMatching(/^MicrosoftAppId: required/)]);
  });

  it('stops on an id that is not a GUID, and says which variable', async () => {
    const problems = await failingBuild({ env: { ...VALID_ENV, MicrosoftAppId: '3f2c9a1e-7b4d-4c1a-9e2f', TEAMS_APP_ID: 'my-app' } });
    expect(problems).toEqual([
      expect.stringMatching(/^MicrosoftAppId: "3f2c9a1e-7b4d-4c1a-9e2f" is not a GUID/),
      expect.stringMatching(/^TEAMS_APP_ID: "my-app" is not a GUID/),
    ]);
  });

  it('stops on a BOT_DOMAIN given as a URL', async () => {
    const problems = await failingBuild({ env: { ...VALID_ENV, BOT_DOMAIN: 'https://renewal.contoso.com' } });
    expect(problems).toEqual(['BOT_DOMAIN: give the host name only, without "https://" (e.g. renewal.contoso.com)']);
  });

  it('stops on a version Teams does not accept', async () => {
    const problems = await failingBuild({ env: VALID_ENV, version: '1.0.0-beta.1' });
    expect(problems).toEqual([expect.stringMatching(/^version: "1.0.0-beta.1" must be MAJOR.MINOR.PATCH/)]);
  });
});

describe('a wrong manifest template', () => {
  it('reports a schema error with the JSON path of the value', async () => {
    const templatePath = writeTemplate(work.path, (template) => {
      template.bots[0].commandLists[1].commands[2].title = 'x'.repeat(129);
    });
    const problems = await failingBuild({ env: VALID_ENV, templatePath, iconDir: MANIFEST_DIR });
    expect(problems).toEqual([
      'manifest.template.json: bots[0].commandLists[1].commands[2].title: must NOT have more than 128 characters',
    ]);
  });

  it('reports unknown properties, missing fields and unknown placeholders together', async () => {
    const templatePath = writeTemplate(work.path, (template) => {
      template.bots[0].supportsFile = false;
      delete template.developer.privacyUrl;
      template.developer.websiteUrl = 'https://${{BOT_HOST}}/';
    });
    const problems = await failingBuild({ env: VALID_ENV, templatePath, iconDir: MANIFEST_DIR });
    expect(problems).toEqual(
      expect.arrayContaining([
        'manifest.template.json: developer.websiteUrl: unknown placeholder ${{BOT_HOST}} (known: MICROSOFT_APP_ID, TEAMS_APP_ID, BOT_DOMAIN, APP_VERSION)',
        'manifest.template.json: developer: missing required property "privacyUrl"',
        'manifest.template.json: bots[0]: unknown property "supportsFile"',
      ]),
    );
  });

  it('reports template problems in the same run as environment problems', async () => {
    const templatePath = writeTemplate(work.path, (template) => {
      template.accentColor = 'blue';
    });
    const problems = await failingBuild({ env: {}, templatePath, iconDir: MANIFEST_DIR });
    expect(problems).toEqual([
      expect.stringMatching(/^MicrosoftAppId: required/),
      expect.stringMatching(/^BOT_DOMAIN: required/),
      'manifest.template.json: accentColor: must match pattern "^#[0-9a-fA-F]{6}$"',
    ]);
  });

  it('reports a template that is not JSON', async () => {
    const templatePath = join(work.path, 'manifest.template.json');
    writeFileSync(templatePath, '{ "manifestVersion": "1.30", }');
    const problems = await failingBuild({ env: VALID_ENV, templatePath });
    expect(problems).toEqual([expect.stringMatching(/manifest\.template\.json: not valid JSON/)]);
  });
});

describe('bad icons', () => {
  it('rejects a colour icon of the wrong size', async () => {
    const iconDir = iconDirWith('color.png', solidPng(96, 96, [15, 108, 189, 255]));
    const problems = await failingBuild({ env: VALID_ENV, iconDir });
    expect(problems).toEqual([`${join(iconDir, 'color.png')}: must be 192x192 pixels, is 96x96`]);
  });

  it('rejects an outline icon of the wrong size', async () => {
    const iconDir = iconDirWith('outline.png', solidPng(64, 64, [255, 255, 255, 0]));
    const problems = await failingBuild({ env: VALID_ENV, iconDir });
    expect(problems).toEqual([`${join(iconDir, 'outline.png')}: must be 32x32 pixels, is 64x64`]);
  });

  it('rejects an outline icon with one coloured pixel, and says where it is', async () => {
    const png = PNG.sync.read(drawOutlineIcon());
    png.data.set([255, 0, 0, 255], (5 * 32 + 7) * 4); // x 7, y 5
    const iconDir = iconDirWith('outline.png', PNG.sync.write(png));
    const problems = await failingBuild({ env: VALID_ENV, iconDir });
    expect(problems).toEqual([
      `${join(iconDir, 'outline.png')}: must be white (#FFFFFF) on a transparent background; 1 pixel(s) are neither, the first at (7, 5) is rgba(255, 0, 0, 255)`,
    ]);
  });

  it('rejects an outline icon without a transparent background', async () => {
    const iconDir = iconDirWith('outline.png', solidPng(32, 32, [255, 255, 255, 255]));
    const problems = await failingBuild({ env: VALID_ENV, iconDir });
    expect(problems).toEqual([`${join(iconDir, 'outline.png')}: has no transparent pixels; the background must be transparent`]);
  });

  it('rejects a file that is not a PNG, and a missing icon', async () => {
    writeFileSync(join(work.path, 'color.png'), 'not a png');
    const problems = await failingBuild({ env: VALID_ENV, iconDir: work.path });
    expect(problems).toEqual([
      expect.stringMatching(/color\.png: not a readable PNG file/),
      expect.stringMatching(/outline\.png: missing outline icon \(npm run package -- --icons draws both icons\)/),
    ]);
  });
});

describe('a failed build', () => {
  it('leaves an earlier zip alone instead of replacing it', async () => {
    const first = await createAppPackage({ env: VALID_ENV, outputDir: out.path });
    if (!first.ok) throw new Error(first.problems.join('\n'));
    const before = readZip(first.zipPath);
    const second = await createAppPackage({ env: { ...VALID_ENV, BOT_DOMAIN: 'renewal.contoso.com/api' }, outputDir: out.path });
    expect(second.ok).toBe(false);
    expect(existsSync(first.zipPath)).toBe(true);
    expect(readZip(first.zipPath)).toEqual(before);
    expect(readdirSync(out.path)).toEqual(['renewal-bot.zip']);
  });
});
