/**
 * Notices about an ID number live in more than one county (the seed asks to stop double subsidy
 * claims), told to every county involved. They used to name the other county at once, so a county
 * could learn where any number is registered by pushing it (issue #18). Now:
 * - until the province has marked the case 已核查 (duplicates-service.ts), a notice says only that the
 *   number is registered in another county and that the province will check; after, it names them;
 * - a device is given at most DUPLICATE_NOTICES_PER_DAY such notices a day (its ops are still
 *   applied; the province's duplicates page lists every case); past it, one notice says the rest are
 *   left to the province, and the push is logged (`capped`, read by the push route).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { findUnit } from '../../src-shared/domain/units';
import type { FeedItemInput } from '../repositories/feed-repository';
import type { PersonalDataCipher } from '../secrets/personal-data';

/** Well above what a county meets honestly in a day (a few people who moved), far below a probe. */
export const DUPLICATE_NOTICES_PER_DAY = 20;

const TITLE = '跨县重复登记提醒';
const ADVICE = '请核实本人实际参训地，避免重复申领培训补贴。';

export function countyName(code: string): string {
  return findUnit(code)?.name ?? code;
}

/** A notice item for `county`. */
export function duplicateNotice(county: string, body: string, createdAt: string): FeedItemInput {
  return { dataset: 'notices', countyCode: county, itemId: randomUUID(), payload: { kind: 'cross_county_duplicate', title: TITLE, body, createdAt } };
}

export function namedBody(idNumber: string, otherCounties: readonly string[]): string {
  return `身份证号 ${maskIdNumber(idNumber)} 的学员同时在${otherCounties.map(countyName).join('、')}登记。${ADVICE}`;
}

function unnamedBody(idNumber: string): string {
  return `身份证号 ${maskIdNumber(idNumber)} 的学员已在其他县（区）登记，省里将核查后告知是哪个县（区）。${ADVICE}`;
}

const CAPPED_BODY = `本机今天上报的学员中已有 ${DUPLICATE_NOTICES_PER_DAY} 个身份证号在其他县（区）登记，之后的不再逐条提醒，由省里统一核查后告知。`;

export class DuplicateNotices {
  /** Foreign-number pushes past the daily limit in this batch (for the push route's log line). */
  capped = 0;
  private usedBefore: number | null = null;
  private added = 0;

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly countyCode: string,
    private readonly deviceId: string,
    private readonly day: string,
    private readonly now: string,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /**
   * Tells this county and `otherCounties` (where `idNumber` is also live) into `feed`, within the limit. `joins`:
   * this op brings the number into this county (a new row, or a row given this number), so the case is no longer
   * the one the province checked: its review is dropped and the notices name no one until it is checked again.
   * The review is kept by number, and a county joining later would otherwise learn the others' names at once.
   */
  async flag(idNumber: string, otherCounties: readonly string[], feed: FeedItemInput[], joins: boolean): Promise<void> {
    if (otherCounties.length === 0) return;
    // Before the daily limit: a capped push must reopen the case too, or its retry (no longer joining) would be named.
    if (joins) await this.trx('duplicate_reviews').where({ id_number_digest: this.cipher.idDigest(idNumber) }).delete();
    const given = (await this.used()) + this.added;
    this.added += 1;
    if (given > DUPLICATE_NOTICES_PER_DAY) {
      this.capped += 1;
      return;
    }
    if (given === DUPLICATE_NOTICES_PER_DAY) {
      this.capped += 1;
      feed.push(duplicateNotice(this.countyCode, CAPPED_BODY, this.now));
      return;
    }
    const reviewed = joins ? undefined : await this.trx('duplicate_reviews').where({ id_number_digest: this.cipher.idDigest(idNumber) }).first('id_number_digest');
    feed.push(duplicateNotice(this.countyCode, reviewed ? namedBody(idNumber, otherCounties) : unnamedBody(idNumber), this.now));
    for (const county of otherCounties) feed.push(duplicateNotice(county, reviewed ? namedBody(idNumber, [this.countyCode]) : unnamedBody(idNumber), this.now));
  }

  /** Stores the day's count; call once, inside the batch transaction (the device row is locked). */
  async finish(): Promise<void> {
    if (this.added === 0) return;
    const notices = (await this.used()) + this.added;
    await this.trx('duplicate_notice_counts').insert({ device_id: this.deviceId, day: this.day, notices }).onConflict(['device_id', 'day']).merge(['notices']);
  }

  private async used(): Promise<number> {
    if (this.usedBefore === null) {
      const row = await this.trx('duplicate_notice_counts').where({ device_id: this.deviceId, day: this.day }).first<{ notices: number } | undefined>('notices');
      this.usedBefore = row ? Number(row.notices) : 0;
    }
    return this.usedBefore;
  }
}
