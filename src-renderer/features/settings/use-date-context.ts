import { DEFAULT_CAMPAIGN } from '../../../src-shared/domain/periods';
import type { DateCheckContext } from '../../../src-shared/domain/date-checks';
import { chinaToday } from '../../../src-shared/format/china-time';
import { useSettings } from './use-settings';

/** What the date warnings compare with: today in China and the campaign start this office set. */
export function useDateContext(): DateCheckContext {
  const settings = useSettings();
  return { today: chinaToday(), campaignStart: settings.data?.campaignStart ?? DEFAULT_CAMPAIGN.campaignStart };
}
