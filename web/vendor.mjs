// Copies the npm-installed files the dashboard and the report use into the Python package
// (src/dyadwatch/api/static/vendor/), where the server serves them at /static/vendor/ and the
// report reads the outlines. Run by `make install` after `npm ci`; the copies are not committed.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "dyadwatch", "api", "static", "vendor");
const FILES = [
  ["world-atlas/countries-110m.json", "countries-110m.json"],       // Natural Earth 1:110m countries, TopoJSON
  ["world-atlas/LICENSE", "world-atlas.LICENSE.txt"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client.LICENSE.txt"],
];

mkdirSync(out, { recursive: true });
for (const [from, to] of FILES) copyFileSync(join(here, "node_modules", from), join(out, to));
console.log(`copied ${FILES.length} files to ${out}`);
