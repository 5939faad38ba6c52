/**
 * A small county whose dispatch figures are counted by hand (county 230102, periods from 2020-04-01):
 *
 * trainee  registered   training records (start)         notes
 * A        2020-04-02   2020-04-03, 2020-04-12, 2020-04-09 the 04-09 record is deleted
 * B        2020-04-10   2020-04-10
 * C        2020-04-11   2020-04-11
 * D        2020-04-05   2020-04-06                          D is deleted: neither D nor the record counts
 * E        2020-04-20   2020-04-21
 *
 * As of 2020-04-10 (period 1): registered A, B = 2; training A 04-03, B 04-10 = 2.
 * As of 2020-04-24 (period 2): registered A, B, C, E = 4; training A×2, B, C, E = 5.
 *
 * Platforms: national 中国职业培训在线 and 技能强国-全国产业工人技能学习平台 adopted (2; a third national one is in the
 * local directory but not adopted, so it does not count); province 【测试】龙江技能在线 in the local directory (1) and
 * 【测试】省级仅采用 adopted but not listed (0); city 【测试】哈尔滨市技能培训网 in the directory (1).
 */
import type { AppContext } from '../../src-main/core/app-context';
import { traineeInput, validIdNumber } from './temp-app';
import { callProcedure } from './call-procedure';

export const PERIOD_1_FIGURES = { registeredTrainees: 2, trainingPersonTimes: 2, provincePlatforms: 1, cityPlatforms: 1, nationalPlatforms: 2 };
export const PERIOD_2_FIGURES = { registeredTrainees: 4, trainingPersonTimes: 5, provincePlatforms: 1, cityPlatforms: 1, nationalPlatforms: 2 };
export const ADOPTED_NATIONAL = ['中国职业培训在线', '技能强国-全国产业工人技能学习平台'];

const call = callProcedure;

export async function fillDispatchFixture(context: AppContext): Promise<void> {
  const platforms = await context.services.platforms.list();
  const byName = (name: string) => platforms.find((p) => p.name === name)!.id;
  const adopt = (platformId: string, adopted: boolean, inLocalDirectory: boolean) => call(context, 'platforms.adopt', { platformId, adopted, inLocalDirectory });
  await adopt(byName('中国职业培训在线'), true, true);
  await adopt(byName('技能强国-全国产业工人技能学习平台'), true, false);
  await adopt(byName('中国国家人事人才培训网'), false, true);
  const create = (name: string, level: string) => call<{ id: string }>(context, 'platforms.create', { name, url: null, level });
  await adopt((await create('【测试】龙江技能在线', 'province')).id, true, true);
  await adopt((await create('【测试】省级仅采用', 'province')).id, true, false);
  await adopt((await create('【测试】哈尔滨市技能培训网', 'city')).id, false, true);

  const platformId = byName('中国职业培训在线');
  const trainee = async (sequence: number, registeredAt: string) =>
    (await call<{ id: string }>(context, 'trainees.create', traineeInput({ idNumber: validIdNumber('19900101', sequence), registeredAt }))).id;
  const course = (traineeId: string, startDate: string) =>
    call<{ id: string }>(context, 'enrolments.create', { traineeId, platformId, courseName: '养老护理', startDate, endDate: null, hours: 8, signedIn: true });

  const a = await trainee(1, '2020-04-02');
  const b = await trainee(2, '2020-04-10');
  const c = await trainee(3, '2020-04-11');
  const d = await trainee(4, '2020-04-05');
  const e = await trainee(5, '2020-04-20');
  await course(a, '2020-04-03');
  await course(a, '2020-04-12');
  const deletedCourse = await course(a, '2020-04-09');
  await course(b, '2020-04-10');
  await course(c, '2020-04-11');
  await course(d, '2020-04-06');
  await course(e, '2020-04-21');
  await call(context, 'trainees.delete', { id: d, reason: '重复登记' });
  // No procedure deletes a training record yet; the soft delete is what sync will write.
  await context.db('enrolments').where({ id: deletedCourse.id }).update({ deleted_at: '2020-04-25T00:00:00.000Z' });
}
