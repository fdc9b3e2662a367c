import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/**
 * Who did it, by name: the API's trails record account ids (loadedBy, actorId); an admin may list every account, so
 * the pages show `displayName（username）`, or the id itself while the list loads or for a retired account.
 */
export function useAccountNames(): (id: string) => string {
  const accounts = useQuery({
    queryKey: ['accounts'],
    queryFn: () => unwrap(api.GET('/api/v1/accounts', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
  });
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, `${a.displayName}（${a.username}）`]));
  return (id) => byId.get(id) ?? id;
}
