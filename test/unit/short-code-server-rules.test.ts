/** The server's small rules around short codes: finding a code in an SMS, the secret check, reconciliation. */
import { describe, expect, it } from 'vitest';
import { groupCode } from '../../src-shared/report-code';
import { codeInText, secretMatches } from '../../src-server/short-codes/sms-inbound';
import { reconciliation } from '../../src-server/short-codes/reconcile-codes';

const CODE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ012';
const figures = { registeredTrainees: 10, trainingPersonTimes: 20, provincePlatforms: 3, cityPlatforms: 1, nationalPlatforms: 5 };

describe('short codes on the server', () => {
  it('finds a 35-character code among the words of an SMS, grouped or not', () => {
    expect(codeInText(`道里区 第3期 ${groupCode(CODE)} 请查收`)).toBe(groupCode(CODE));
    expect(codeInText(`code:${CODE.toLowerCase()}`)).toBe(CODE.toLowerCase());
    expect(codeInText(`SD ${groupCode(CODE).replace(/-/g, ' ')}`)).toBe(groupCode(CODE).replace(/-/g, ' '));
    expect(codeInText('短码 1234-5678')).toBeNull();
    expect(codeInText(`${CODE}X`)).toBeNull();
  });

  it('accepts only the exact secret', () => {
    expect(secretMatches('s3cret', 's3cret')).toBe(true);
    for (const wrong of ['s3cre', 's3crett', 'S3cret', '']) expect(secretMatches(wrong, 's3cret')).toBe(false);
  });

  it('reconciles a code with the full report of its revision, flags a difference, and lets a resubmission supersede it', () => {
    expect(reconciliation({ revision: 1, figures }, { status: 'submitted', figures, revision: 1 })).toEqual({ state: 'reconciled', differences: [] });
    const other = { ...figures, cityPlatforms: 2 };
    expect(reconciliation({ revision: 1, figures }, { status: 'submitted', figures: other, revision: 1 })).toEqual({ state: 'differs', differences: ['cityPlatforms'] });
    // From a PC older than revisions: compared all the same.
    expect(reconciliation({ revision: 1, figures }, { status: 'submitted', figures: other, revision: null })).toMatchObject({ state: 'differs' });
    expect(reconciliation({ revision: 1, figures }, { status: 'submitted', figures: other, revision: 2 })).toMatchObject({ state: 'superseded' });
    // A code newer than the report that synced waits for the next one.
    expect(reconciliation({ revision: 3, figures }, { status: 'submitted', figures, revision: 2 })).toBeNull();
  });
});
