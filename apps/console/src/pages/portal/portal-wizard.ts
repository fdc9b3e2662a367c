import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';

/** The applicant's credit records, as the portal and both wizards list them (one cache entry for all three). */
export function usePortalRecords() {
  return useQuery({
    queryKey: ['portal', 'records'],
    queryFn: () => unwrap(api.GET('/api/v1/credit-records', { params: { query: { pageSize: 100 } } })),
  });
}

/**
 * A wizard's place lives in the address (record, case, step), so a reload or a bookmark comes back to it.
 * `go` changes the named parameters and keeps the others; undefined removes one.
 */
export function useWizardAddress() {
  const [params, setParams] = useSearchParams();
  const go = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === undefined) merged.delete(k);
      else merged.set(k, v);
    setParams(merged);
  };
  return { params, go };
}
