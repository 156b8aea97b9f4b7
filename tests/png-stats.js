// png-stats.js - for tests/render-charts.sh: "WIDTH HEIGHT COLOURS NONWHITE" of an 8-bit RGB(A)
// PNG (distinct colours, and pixels that are not white per thousand), with node's zlib alone
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const buf = fs.readFileSync(process.argv[2]);
if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
let pos = 8, w = 0, h = 0, depth = 0, type = 0;
const idat = [];
while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
        w = data.readUInt32BE(0); h = data.readUInt32BE(4); depth = data[8]; type = data[9];
    } else if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
}
if (depth !== 8 || (type !== 2 && type !== 6)) throw new Error('only 8-bit RGB or RGBA PNGs');
const bpp = type === 6 ? 4 : 3, stride = w * bpp;
const raw = zlib.inflateSync(Buffer.concat(idat));
const cur = Buffer.alloc(stride), prev = Buffer.alloc(stride);
const colours = new Set();
let nonwhite = 0;
// undo each row's filter (PNG spec, section 9), then count its pixels
for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
        let p = 0;
        if (f === 1) p = a;
        else if (f === 2) p = b;
        else if (f === 3) p = (a + b) >> 1;
        else if (f === 4) {
            const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
            p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        cur[i] = (row[i] + p) & 255;
    }
    for (let x = 0; x < stride; x += bpp) {
        colours.add((cur[x] << 16) | (cur[x + 1] << 8) | cur[x + 2]);
        if (cur[x] < 250 || cur[x + 1] < 250 || cur[x + 2] < 250) nonwhite++;
    }
    cur.copy(prev);
}
console.log(w, h, colours.size, Math.round((1000 * nonwhite) / (w * h)));
