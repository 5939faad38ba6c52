import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrolment } from '../../src-shared/schemas/enrolment';
import type { Trainee } from '../../src-shared/schemas/trainee';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

/** 培训记录 searched by its trainee as the trainee list searches (#17 item 6), and the ticked trainees' names. */
describe('training records found by trainee', () => {
  let app: TempApp;
  const traineeIds: string[] = [];
  const LI = validIdNumber('19900307', 123);
  const ZHANG = validIdNumber('19851120', 45);

  beforeAll(async () => {
    app = await openTempApp();
    const platformId = (await app.context.services.platforms.list())[0]!.id;
    for (const [name, idNumber, phone] of [['李四', LI, '13812345678'], ['张晓明', ZHANG, '13945670045']] as const) {
      const created = await app.context.invoke('trainees.create', traineeInput({ name, idNumber, phone }));
      if (!created.ok) throw new Error(created.error.message);
      const traineeId = (created.data as Trainee).id;
      traineeIds.push(traineeId);
      const course = { traineeId, platformId, courseName: `${name}的课`, startDate: '2020-04-03', endDate: null, hours: 8, signedIn: true };
      const enrolled = await app.context.invoke('enrolments.create', course);
      if (!enrolled.ok) throw new Error(enrolled.error.message);
    }
  });
  afterAll(async () => app.dispose());

  const namesFound = async (query: string) => {
    const result = await app.context.invoke('enrolments.list', { query });
    if (!result.ok) throw new Error(result.error.message);
    return (result.data as { items: Enrolment[] }).items.map((e) => e.traineeName);
  };

  it('finds by a whole ID number, its last digits, a name, pinyin initials and a phone', async () => {
    expect(await namesFound(LI)).toEqual(['李四']);
    expect(await namesFound(` ${LI.slice(-4)} `)).toEqual(['李四']);
    expect(await namesFound(ZHANG.slice(-6))).toEqual(['张晓明']);
    expect(await namesFound('张晓')).toEqual(['张晓明']);
    expect(await namesFound('zxm')).toEqual(['张晓明']);
    expect(await namesFound('13945670045')).toEqual(['张晓明']);
    // Phones are sealed and found by a blind index of the whole number (or its last 4 digits): not by their start.
    expect(await namesFound('1394567')).toEqual([]);
    expect(await namesFound('王')).toEqual([]);
    expect((await namesFound('')).sort()).toEqual(['张晓明', '李四'].sort());
  });

  it('refuses a search too long to be one, as the trainee list does', async () => {
    const result = await app.context.invoke('enrolments.list', { query: '李'.repeat(41) });
    expect(result.ok).toBe(false);
  });

  it('lists only the trainees asked for by id', async () => {
    const result = await app.context.invoke('trainees.list', { ids: [traineeIds[1]!], pageSize: 500 });
    expect(result.ok && (result.data as { items: Trainee[] }).items.map((t) => t.name)).toEqual(['张晓明']);
    const hostile = await app.context.invoke('trainees.list', { ids: ["' OR 1=1 --"] });
    expect(hostile.ok).toBe(false);
  });
});
