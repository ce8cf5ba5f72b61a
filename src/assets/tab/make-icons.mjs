// Draws the tab-bar icons (81×81 PNG, grey and selected red) without any image library.
// Run: node src/assets/tab/make-icons.mjs   (output is committed; run again only to change them)
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const SIZE = 81
const SAMPLES = 4
const here = dirname(fileURLToPath(import.meta.url))
const COLORS = { normal: [0x8a, 0x8f, 0x99], active: [0xc8, 0x10, 0x2e] }

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return inCircle(x, y, cx, cy, r)
}
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry)
  const d1 = s(x, y, ax, ay, bx, by)
  const d2 = s(x, y, bx, by, cx, cy)
  const d3 = s(x, y, cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

/** Each shape answers "is this point ink?" in a 0..81 coordinate space. */
const SHAPES = {
  // 首页: a house with a door
  home: (x, y) =>
    (inTriangle(x, y, [40.5, 10], [8, 38], [73, 38]) || inRect(x, y, 17, 36, 64, 70)) &&
    !inRoundRect(x, y, 33, 48, 48, 71, 3),
  // 活动: a calendar page
  activity: (x, y) =>
    (inRoundRect(x, y, 12, 16, 69, 70, 7) && !inRoundRect(x, y, 18, 32, 63, 64, 3)) ||
    inRoundRect(x, y, 23, 9, 30, 22, 3) ||
    inRoundRect(x, y, 51, 9, 58, 22, 3) ||
    inRoundRect(x, y, 24, 40, 34, 48, 2) ||
    inRoundRect(x, y, 36, 40, 46, 48, 2) ||
    inRoundRect(x, y, 24, 52, 34, 58, 2),
  // 经费公示: a bar chart
  notices: (x, y) =>
    inRoundRect(x, y, 14, 44, 26, 68, 3) ||
    inRoundRect(x, y, 34, 24, 46, 68, 3) ||
    inRoundRect(x, y, 54, 34, 66, 68, 3) ||
    inRoundRect(x, y, 9, 70, 72, 75, 2),
  // 我的: a person
  mine: (x, y) =>
    inCircle(x, y, 40.5, 27, 15) ||
    (y >= 50 && y <= 74 && ((x - 40.5) / 28) ** 2 + ((y - 74) / 24) ** 2 <= 1),
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++)
          if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [name, shape] of Object.entries(SHAPES)) {
  writeFileSync(join(here, `${name}.png`), png(shape, COLORS.normal))
  writeFileSync(join(here, `${name}-active.png`), png(shape, COLORS.active))
}
