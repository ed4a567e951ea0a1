// worldmap.mjs builds bilat's committed world map (report/worldmap.svg)
// from Natural Earth's data as packaged by world-atlas. A developer runs it
// (npm install && npm run build) when the data or the drawing should
// change; bilat itself never runs Node.
//
// Countries come from the 1:110m file, projected with Equal Earth and
// rounded to a tenth of a unit. Countries too small to see there, and
// those the 1:110m file leaves out (Malta, Singapore, Bahrain, Monaco, ...),
// are drawn as dots at the centre of their largest island in the 1:50m
// file. Every element's id is the ISO alpha-2 code, read from
// geo/countries.csv through the ISO numeric code that world-atlas uses.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoArea, geoCentroid, geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const [csvFile, outFile] = process.argv.slice(2);
const width = 960;
const minArea = 8; // square units under which a country is drawn as a dot

// alpha2 maps ISO numeric codes to alpha-2 codes.
const alpha2 = new Map();
for (const line of readFileSync(csvFile, "utf8").trim().split("\n").slice(1)) {
  const [a2, , num] = line.split(",");
  alpha2.set(num, a2);
}

const countries = (file) => {
  const topo = require(`world-atlas/${file}`);
  return feature(topo, topo.objects.countries).features
    .filter((f) => f.id && f.id !== "010" && alpha2.has(f.id)); // no Antarctica
};
const coarse = countries("countries-110m.json");
const fine = new Map(countries("countries-50m.json").map((f) => [f.id, f]));

const projection = geoEqualEarth().fitWidth(width, { type: "FeatureCollection", features: coarse });
const path = geoPath(projection).digits(1);
const [[, y0], [, y1]] = path.bounds({ type: "FeatureCollection", features: coarse });
const height = Math.ceil(y1 + y0);

// dot places a country at the centre of its largest polygon.
const dot = (f) => {
  const polys = f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates];
  const largest = polys
    .map((coordinates) => ({ type: "Polygon", coordinates }))
    .reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
  const [x, y] = projection(geoCentroid(largest));
  return `<circle id="${alpha2.get(f.id)}" class="dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3"/>`;
};

const out = [];
const drawn = new Set();
for (const f of coarse) {
  drawn.add(f.id);
  out.push(path.area(f) < minArea ? dot(fine.get(f.id) || f) : `<path id="${alpha2.get(f.id)}" d="${path(f)}"/>`);
}
for (const [id, f] of fine) {
  if (!drawn.has(id)) out.push(dot(f));
}
out.sort((a, b) => a.localeCompare(b));

writeFileSync(outFile, [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
  "<!-- Made with Natural Earth (public domain) through world-atlas by tools/worldmap/worldmap.mjs; do not edit. -->",
  ...out,
  "</svg>",
  "",
].join("\n"));
console.log(`${outFile}: ${out.length} countries and territories, ${width}x${height}`);
