import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useProvinces() {
  return useQuery({
    queryKey: queryKeys.units({ level: 'province' }),
    queryFn: () => invoke('units.list', { level: 'province' }),
    staleTime: Infinity,
  });
}

/**
 * What the second list offers for a province: its prefecture-level units, and where counties stand directly under
 * the province (the districts of a municipality, 省直辖县级 units such as 济源市, cities without counties such as
 * 东莞市) one more entry whose value is the province itself, so the county list is always "children of the choice".
 */
export function useCities(provinceCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.units({ level: 'city', parentCode: provinceCode }),
    queryFn: async () => {
      const children = await invoke('units.list', { parentCode: provinceCode });
      const cities = children.filter((u) => u.level === 'city').map((u) => ({ code: u.code, name: u.name }));
      if (children.some((u) => u.level === 'county')) cities.push({ code: provinceCode!, name: cities.length === 0 ? '全市各区县' : '省（区）直辖县级单位' });
      return cities;
    },
    enabled: provinceCode !== undefined,
    staleTime: Infinity,
  });
}

export function useCounties(cityCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.units({ parentCode: cityCode }),
    queryFn: () => invoke('units.list', { parentCode: cityCode, level: 'county' }),
    enabled: cityCode !== undefined,
    staleTime: Infinity,
  });
}

export function useSetupInit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProcedureInput<'setup.init'>) => invoke('setup.init', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.settings, settings);
      void queryClient.invalidateQueries();
    },
  });
}
