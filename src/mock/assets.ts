import type {AssetSpec} from './types.js';

export interface AssetBody {
  contentType: string;
  body: Uint8Array<ArrayBuffer> | string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rough rendered width in Latin-glyph units: a bold CJK glyph is about 1.75 Latin ones. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) > 0x2e80 ? 1.75 : 1;
  return width;
}

/** Splits a title into at most `maxLines` lines of about `maxWidth` units, ellipsising the rest. */
function wrap(text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (textWidth(line + char) > maxWidth) {
      const space = line.lastIndexOf(' ');
      const breakAt = space > line.length / 2 ? space : line.length;
      lines.push(line.slice(0, breakAt).trim());
      line = line.slice(breakAt).trimStart();
    }
    line += char;
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] =
    Array.from(kept[maxLines - 1]!)
      .slice(0, -1)
      .join('') + '…';
  return kept;
}

/**
 * A 16:9 SVG with a gradient, a few shapes and the title, all derived from `seed`, so every
 * media gets a poster that looks different from its neighbours in a gallery screenshot.
 */
export function posterSvg(title: string, subtitle: string, seed: number, small: boolean): string {
  const width = small ? 320 : 640;
  const height = small ? 180 : 360;
  const hue = seed % 360;
  const hue2 = (hue + 40 + (seed % 80)) % 360;
  const angle = seed % 4;
  const [x2, y2] = [
    ['100%', '100%'],
    ['100%', '0%'],
    ['0%', '100%'],
    ['60%', '100%'],
  ][angle]!;
  const circles = [0, 1, 2]
    .map((i) => {
      const cx = ((seed >>> (i * 5)) % 100) / 100;
      const cy = ((seed >>> (i * 7 + 3)) % 100) / 100;
      const r = 0.12 + ((seed >>> (i * 3 + 1)) % 20) / 100;
      return `<circle cx="${(cx * width).toFixed(0)}" cy="${(cy * height).toFixed(0)}" r="${(r * height).toFixed(0)}" fill="#fff" fill-opacity="${0.06 + i * 0.04}"/>`;
    })
    .join('');
  const fontSize = small ? 20 : 38;
  const lines = wrap(title, 24, 2);
  const lineHeight = fontSize * 1.25;
  const top = height / 2 - ((lines.length - 1) * lineHeight) / 2;
  const text = lines
    .map(
      (line, i) =>
        `<text x="${width / 2}" y="${(top + i * lineHeight).toFixed(0)}" font-size="${fontSize}" font-weight="700" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`,
    )
    .join('');
  const font = `font-family="system-ui, 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0%" y1="0%" x2="${x2}" y2="${y2}"><stop offset="0%" stop-color="hsl(${hue} 65% 38%)"/><stop offset="100%" stop-color="hsl(${hue2} 70% 58%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${circles}
<g ${font} fill="#fff">${text}<text x="${small ? 12 : 24}" y="${height - (small ? 12 : 22)}" font-size="${small ? 12 : 20}" fill-opacity="0.85">${escapeXml(subtitle)}</text></g>
</svg>
`;
}

const CUES: Record<string, readonly string[]> = {
  ja: ['こんにちは。', 'ご視聴ありがとうございます。'],
  en: ['Hello.', 'Thanks for watching.'],
  ko: ['안녕하세요.', '시청해 주셔서 감사합니다.'],
  zh: ['你好。', '感谢观看。'],
};

export function webVtt(lang: string, title: string): string {
  const [hello, thanks] = CUES[lang] ?? CUES.en!;
  return `WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\n${title}\n\n2\n00:00:04.000 --> 00:00:08.000\n${hello}\n\n3\n00:00:08.000 --> 00:00:12.000\n${thanks}\n`;
}

export function renderAsset(spec: AssetSpec): AssetBody {
  switch (spec.type) {
    case 'poster':
    case 'thumbnail':
      return {
        contentType: 'image/svg+xml; charset=utf-8',
        body: posterSvg(spec.title, spec.subtitle, spec.seed, spec.type === 'thumbnail'),
      };
    case 'vtt':
      return {contentType: 'text/vtt; charset=utf-8', body: webVtt(spec.lang, spec.title)};
    case 'bytes':
      return {
        contentType: spec.contentType,
        body: Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0)),
      };
  }
}
