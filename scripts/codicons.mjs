// The wizard's icon font, cut down to the icons the webview uses. The whole codicon font (126 KB) and its stylesheet
// (34 KB, one rule per icon) were a third of the VSIX for about thirty icons.
//
// An icon is kept when its name appears in the webview's sources as a string literal ('check', icon: 'copy') or as a
// class (codicon-loading), which is how src/webview names them. Unused glyphs keep their place in the font with an
// empty outline, so glyph ids, the character map, metrics and ligatures stay as they are: only `glyf`, `loca` and
// `head` are rewritten.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** The names of the icons the webview uses, out of those the stylesheet defines. */
export function usedIconNames(sourceDirs, known) {
  const found = new Set();
  const scan = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(file);
      else if (/\.(ts|css)$/.test(entry.name)) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/['"`]([a-z0-9-]+)['"`]|codicon-([a-z0-9-]+)/g)) found.add(match[1] ?? match[2]);
      }
    }
  };
  sourceDirs.forEach(scan);
  return [...known].filter((name) => found.has(name));
}

/** codicon.css without the rules of the icons not in `names`; returns the stylesheet and the code points kept. */
export function subsetStylesheet(css, names) {
  const keep = new Set(names);
  const codePoints = new Set();
  const rule = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}\r?\n/gim;
  const text = css.replace(rule, (line, name, hex) => {
    if (!keep.has(name)) return '';
    codePoints.add(parseInt(hex, 16));
    return line;
  });
  return { css: text, codePoints };
}

/** Every icon name the stylesheet defines. */
export function iconNames(css) {
  return [...css.matchAll(/^\.codicon-([a-z0-9-]+):before \{/gm)].map((m) => m[1]);
}

function tables(font) {
  const result = new Map();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    result.set(font.toString('latin1', at, at + 4), { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) });
  }
  return result;
}

/** The glyph id of each code point, from the font's Unicode cmap (format 4 or 12). */
function glyphIds(font, cmap, codePoints) {
  const ids = new Map();
  const subtables = font.readUInt16BE(cmap.offset + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = font.readUInt16BE(cmap.offset + 4 + 8 * i);
    const at = cmap.offset + font.readUInt32BE(cmap.offset + 8 + 8 * i);
    const format = font.readUInt16BE(at);
    if (platform !== 0 && platform !== 3) continue;
    for (const cp of codePoints) {
      if (ids.has(cp)) continue;
      if (format === 4) {
        const segments = font.readUInt16BE(at + 6) / 2;
        const ends = at + 14;
        const starts = ends + 2 * segments + 2;
        const deltas = starts + 2 * segments;
        const rangeOffsets = deltas + 2 * segments;
        for (let s = 0; s < segments; s++) {
          if (cp > font.readUInt16BE(ends + 2 * s) || cp < font.readUInt16BE(starts + 2 * s)) continue;
          const delta = font.readInt16BE(deltas + 2 * s);
          const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * s);
          let id = cp;
          if (rangeOffset !== 0) {
            id = font.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - font.readUInt16BE(starts + 2 * s)));
            if (id === 0) break;
          }
          ids.set(cp, (id + delta) & 0xffff);
          break;
        }
      } else if (format === 12) {
        const groups = font.readUInt32BE(at + 12);
        for (let g = 0; g < groups; g++) {
          const group = at + 16 + 12 * g;
          const start = font.readUInt32BE(group);
          if (cp >= start && cp <= font.readUInt32BE(group + 4)) {
            ids.set(cp, font.readUInt32BE(group + 8) + cp - start);
            break;
          }
        }
      }
    }
  }
  return ids;
}

const checksum = (data) => {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
};

/** The font with an outline only for .notdef and the glyphs of `codePoints` (and their components). */
export function subsetFont(font, codePoints) {
  const t = tables(font);
  const head = Buffer.from(font.subarray(t.get('head').offset, t.get('head').offset + t.get('head').length));
  const numGlyphs = font.readUInt16BE(t.get('maxp').offset + 4);
  const longLoca = head.readInt16BE(50) === 1;
  const loca = (i) => (longLoca ? font.readUInt32BE(t.get('loca').offset + 4 * i) : 2 * font.readUInt16BE(t.get('loca').offset + 2 * i));
  const glyph = (i) => font.subarray(t.get('glyf').offset + loca(i), t.get('glyf').offset + loca(i + 1));

  const ids = glyphIds(font, t.get('cmap'), codePoints);
  const missing = [...codePoints].filter((cp) => !ids.has(cp));
  if (missing.length > 0) throw new Error(`codicon.ttf has no glyph for ${missing.map((cp) => cp.toString(16)).join(', ')}`);
  const keep = new Set([0, ...ids.values()]);
  for (const id of [...keep]) {
    const data = glyph(id);
    if (data.length === 0 || data.readInt16BE(0) >= 0) continue;
    // A composite glyph: keep its components too (flags, glyph id, then arguments and an optional transform).
    for (let at = 10, flags = 0x20; flags & 0x20; ) {
      flags = data.readUInt16BE(at);
      keep.add(data.readUInt16BE(at + 2));
      at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    }
  }

  const outlines = [];
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  let offset = 0;
  for (let i = 0; i < numGlyphs; i++) {
    newLoca.writeUInt32BE(offset, 4 * i);
    if (!keep.has(i)) continue;
    const data = glyph(i);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    outlines.push(padded);
    offset += padded.length;
  }
  newLoca.writeUInt32BE(offset, 4 * numGlyphs);
  head.writeInt16BE(1, 50); // long loca offsets
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set below

  const replaced = { glyf: Buffer.concat(outlines), loca: newLoca, head };
  const tags = [...t.keys()].sort();
  const directory = Buffer.alloc(12 + 16 * tags.length);
  font.copy(directory, 0, 0, 12);
  const bodies = [];
  let at = directory.length;
  tags.forEach((tag, i) => {
    const { offset: from, length } = t.get(tag);
    const data = replaced[tag] ?? font.subarray(from, from + length);
    const entry = 12 + 16 * i;
    directory.write(tag, entry, 'latin1');
    directory.writeUInt32BE(checksum(data), entry + 4);
    directory.writeUInt32BE(at, entry + 8);
    directory.writeUInt32BE(data.length, entry + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    at += padded.length;
  });
  const result = Buffer.concat([directory, ...bodies]);
  const headAt = directory.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  result.writeUInt32BE((0xb1b0afba - checksum(result)) >>> 0, headAt + 8);
  return result;
}
