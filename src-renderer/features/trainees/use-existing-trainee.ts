import { useQuery } from '@tanstack/react-query';
import { parseIdNumber } from '../../../src-shared/domain/id-card';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/**
 * Asks, as soon as a valid ID number has been typed, whether this person is already registered
 * here, so the clerk learns it before typing the rest of the form.
 */
export function useExistingTrainee(rawIdNumber: string | undefined) {
  const parsed = rawIdNumber ? parseIdNumber(rawIdNumber) : null;
  const idNumber = parsed?.ok ? parsed.value.idNumber : null;
  return useQuery({
    queryKey: queryKeys.traineeLookup(idNumber),
    queryFn: () => invoke('trainees.lookup', { idNumber: idNumber ?? '' }),
    enabled: idNumber !== null,
    // Keyed by a full ID number: keep it out of the cache once the field changes.
    gcTime: 0,
  });
}
