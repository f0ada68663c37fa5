/**
 * Renders every sample card to docs/cards/<card>.png with the adaptivecards JS renderer (UMD build) in
 * headless Debian Chromium, driven by playwright-core, with a host config close to Teams (light theme).
 * Run with `npm run cards:render`. It never downloads a browser: install Debian's `chromium` package.
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SAMPLE_CARDS } from '../tests/cards/support/sample-cards';
import { CARD_FORMAT } from '../bot/teams/card-format';

const CHROMIUM = '/usr/bin/chromium';
const CARD_WIDTH = 560;
const root = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

const FONT = "'Segoe UI', 'Helvetica Neue', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
const MONO = "'Cascadia Mono', Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

const FOREGROUND = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#424242' },
  light: { default: '#FFFFFF', subtle: '#F0F0F0' },
  accent: { default: '#4F52B2', subtle: '#6264A7' },
  good: { default: '#0E700E', subtle: '#237B4B' },
  warning: { default: '#8A4B00', subtle: '#835C00' },
  attention: { default: '#C4314B', subtle: '#A72037' },
};

function containerStyle(backgroundColor: string): object {
  return { backgroundColor, foregroundColors: FOREGROUND };
}

/** Close to Teams' light theme: Segoe UI sizes, Teams colours, compact spacing. */
const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontTypes: {
    default: {
      fontFamily: FONT,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: MONO,
      fontSizes: { small: 12, default: 13, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: containerStyle('#FFFFFF'),
    emphasis: containerStyle('#F5F5F5'),
    accent: containerStyle('#E8EBFA'),
    good: containerStyle('#E7F2DA'),
    attention: containerStyle('#FDF3F4'),
    warning: containerStyle('#FFF9E5'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  adaptiveCard: { allowCustomStyle: true },
  textBlock: { headingLevel: 2 },
  factSet: {
    title: {
      color: 'default',
      size: 'default',
      isSubtle: true,
      weight: 'default',
      wrap: true,
      maxWidth: 150,
    },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
  },
};

const PAGE_CSS = `
  body { margin: 0; padding: 24px; background: #F5F5F5; font-family: ${FONT}; }
  .frame { width: ${CARD_WIDTH}px; }
  .from { font-size: 12px; color: #616161; margin: 0 0 6px 2px; }
  .from b { color: #242424; font-weight: 600; margin-right: 6px; }
  .card { background: #FFF; border: 1px solid #E0E0E0; border-radius: 6px; overflow: hidden;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .ac-pushButton { font: 600 14px ${FONT}; color: #242424; background: #FFF; border: 1px solid #D1D1D1;
          border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; white-space: nowrap;
          overflow: hidden; text-overflow: ellipsis; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFF; }
  .ac-input { font: 14px ${FONT}; }
  .ac-input input, .ac-input textarea, input.ac-input, textarea.ac-input { font: 14px ${FONT}; border: 1px solid #D1D1D1;
          border-bottom-color: #616161; border-radius: 4px; padding: 6px 8px; box-sizing: border-box; }
  textarea.ac-input { min-height: 64px; }
  .ac-textBlock p { margin: 0; }
  .ac-textBlock a { color: #4F52B2; }
`;

/** The markdown Teams renders in TextBlocks: escapes, bold, italic, links. Runs in the page. */
const MARKDOWN = `
  (() => {
    const html = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const literals = [];
      let out = text.replace(/\\\\([!-\\/:-@\\[-\`{-~])/g, (_m, ch) => '\\u0000' + (literals.push(ch) - 1) + '\\u0000');
      out = html(out)
        .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
        .replace(/(^|[^\\w])\\*(.+?)\\*(?!\\w)/g, '$1<em>$2</em>')
        .replace(/(^|[^\\w])_(.+?)_(?!\\w)/g, '$1<em>$2</em>')
        .replace(/\\[([^\\]]+)\\]\\((https?:[^)\\s]+)\\)/g, '<a href="$2">$1</a>');
      out = out.replace(/\\u0000(\\d+)\\u0000/g, (_m, i) => html(literals[Number(i)]));
      result.outputHtml = '<p>' + out + '</p>';
      result.didProcess = true;
    };
  })();
`;

/** Renders one card into the page's frame; returns how many parse events the SDK raised. Runs in the page. */
const RENDER = `
  window.renderCard = (payload, hostConfig) => {
    const AC = window.AdaptiveCards;
    document.body.innerHTML =
      '<div class="frame"><div class="from"><b>Driftwatch</b>14:05</div><div class="card" id="card"></div></div>';
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfig);
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    card.parse(payload, context);
    const rendered = card.render();
    if (rendered) document.getElementById('card').appendChild(rendered);
    return context.eventCount;
  };
`;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium).`);
    process.exit(1);
  }
  const outDir = root('docs/cards');
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: CARD_WIDTH + 48, height: 800 },
      deviceScaleFactor: 2,
    });
    await page.setContent(`<!doctype html><html><head><style>${PAGE_CSS}</style></head><body></body></html>`);
    await page.addScriptTag({
      content: readFileSync(root('node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8'),
    });
    await page.addScriptTag({ content: MARKDOWN });
    await page.addScriptTag({ content: RENDER });
    for (const sample of SAMPLE_CARDS) {
      // The pictures show what the bot sends: policy types by their registry labels.
      const card = sample.render(CARD_FORMAT);
      const problems = await page.evaluate(
        ({ payload, hostConfig }) =>
          (globalThis as unknown as { renderCard: (card: unknown, config: unknown) => number }).renderCard(
            payload,
            hostConfig,
          ),
        { payload: card, hostConfig: TEAMS_HOST_CONFIG },
      );
      if (problems > 0) throw new Error(`${sample.name}: the renderer reported ${problems} parse events`);
      const file = `${outDir}/${sample.name}.png`;
      await page.locator('.frame').screenshot({ path: file });
      console.log(`wrote docs/cards/${sample.name}.png`);
    }
  } finally {
    await browser.close();
  }
}

await main();
