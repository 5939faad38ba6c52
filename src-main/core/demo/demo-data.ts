/**
 * Fills a data folder with realistic demo data for one county: trainees with valid ID numbers of
 * that county's region (and some from elsewhere in the province), every person category, demo
 * platforms at province and city level (marked as demo: the real directory comes from the
 * province), training records and the period calendar. Goes through the same services as the UI.
 */
import { addDays, compareDates, todayIso } from '../../../src-shared/domain/dates';
import { countiesOf, findUnit } from '../../../src-shared/domain/units';
import { traineeCreateInput } from '../../../src-shared/schemas/trainee';
import type { AppContext } from '../app-context';
import type { EnrolmentCreate } from '../services/enrolment-service';
import type { TraineeCreate } from '../services/trainee-service';
import { demoCategories, demoIdNumber, demoName, demoPhone } from './demo-people';
import { SeededRandom } from './random';

const DEMO_PROVINCE_PLATFORMS = ['龙江技能云课堂', '黑龙江职业培训网络学院', '龙江就业创业在线', '北疆工匠学堂', '黑土地农技在线', '龙江家政服务培训平台'];
const DEMO_CITY_PLATFORMS = ['市职业技能提升在线', '市人社培训云平台', '市农民工线上夜校', '市退役军人技能课堂'];
const CHUNK = 2000;

export interface DemoOptions {
  countyCode: string;
  operatorName: string;
  trainees: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  trainees: number;
  enrolments: number;
  platforms: number;
}

async function demoPlatforms(context: AppContext, cityName: string): Promise<string[]> {
  const { platforms } = context.services;
  const existing = await platforms.list();
  const names = new Set(existing.map((p) => p.name));
  for (const name of DEMO_PROVINCE_PLATFORMS.map((n) => `【演示】${n}`)) {
    if (!names.has(name)) await platforms.create({ name, url: null, level: 'province' }, { demo: true });
  }
  for (const name of DEMO_CITY_PLATFORMS.map((n) => `【演示】${cityName}${n.slice(1)}`)) {
    if (!names.has(name)) await platforms.create({ name, url: null, level: 'city' }, { demo: true });
  }
  const all = await platforms.list();
  // The county adopts about two thirds of what is on offer, and lists most adopted ones locally.
  const random = new SeededRandom(7);
  for (const platform of all) {
    if (random.chance(0.66)) await platforms.adopt({ platformId: platform.id, adopted: true, inLocalDirectory: random.chance(0.8) });
  }
  return (await platforms.list()).filter((p) => p.adopted).map((p) => p.id);
}

export async function fillDemoData(context: AppContext, options: DemoOptions): Promise<DemoSummary> {
  const { settings, trainees, enrolments, reference } = context.services;
  const county = findUnit(options.countyCode);
  if (!county || county.level !== 'county') throw new Error(`Not a Heilongjiang county-level code: ${options.countyCode}`);
  await settings.init({ countyCode: options.countyCode, operatorName: options.operatorName });
  const city = county.parentCode ? findUnit(county.parentCode) : null;
  const platformIds = await demoPlatforms(context, city?.name ?? '');
  const occupations = await reference.occupations();
  const current = await settings.get();
  const lastDay = compareDates(current.campaignEnd, todayIso()) < 0 ? current.campaignEnd : todayIso();
  const span = Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(current.campaignStart)) / 86_400_000));
  const neighbours = city ? countiesOf(city.code).map((u) => u.code) : [options.countyCode];

  const random = new SeededRandom(options.seed ?? 20200401);
  const used = new Set<string>();
  let created = 0;
  let enrolled = 0;
  let sequence = 0;
  while (created < options.trainees) {
    const size = Math.min(CHUNK, options.trainees - created);
    const batch: TraineeCreate[] = [];
    while (batch.length < size) {
      const region = random.chance(0.85) ? options.countyCode : random.pick(neighbours);
      const { idNumber } = demoIdNumber(random, region, sequence++);
      if (used.has(idNumber)) continue;
      used.add(idNumber);
      batch.push(
        traineeCreateInput.parse({
          idNumber,
          name: demoName(random),
          phone: demoPhone(random),
          categories: demoCategories(random),
          ruralHukou: random.chance(0.6),
          registeredAt: addDays(current.campaignStart, random.int(0, span)),
          platformId: random.pick(platformIds),
          note: null,
        }),
      );
    }
    const ids = await trainees.createMany(batch);
    const courses: EnrolmentCreate[] = [];
    ids.forEach((traineeId, index) => {
      const registeredAt = batch[index]!.registeredAt;
      const count = random.chance(0.15) ? 0 : random.int(1, 3);
      for (let i = 0; i < count; i++) {
        const occupation = random.pick(occupations);
        const startDate = addDays(registeredAt, random.int(0, 10));
        courses.push({
          traineeId,
          platformId: random.pick(platformIds),
          occupationId: occupation.id,
          courseName: `${occupation.name}线上课程`,
          startDate,
          endDate: random.chance(0.8) ? addDays(startDate, random.int(3, 30)) : null,
          hours: random.int(4, 60),
          signedIn: random.chance(0.92),
          learningRecord: `已完成 ${random.int(2, 40)} 个课时的学习`,
          testResult: random.pick(['合格', '良好', '优秀', null]),
        });
      }
    });
    await enrolments.createMany(courses);
    created += ids.length;
    enrolled += courses.length;
    options.onProgress?.(created, options.trainees);
  }
  return { trainees: created, enrolments: enrolled, platforms: platformIds.length };
}
