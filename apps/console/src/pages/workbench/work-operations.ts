import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/language';

export type WorkState = components['schemas']['WorkStateDto'];
export type Colleague = components['schemas']['WorkbenchColleagueDto'];

/** The active staff of the caller's authority (GET work-items/colleagues): whom a hand-over, co-signing or copy names. */
export function useColleagues() {
  return useQuery({
    queryKey: ['work-items', 'colleagues'],
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/work-items/colleagues')),
  });
}

/** Who holds the case's current step now (GET cases/:id/work); read again whenever the case changes. */
export function useWorkState(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'work'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/work', { params: { path: { id: caseId } } })),
  });
}

const ROLES = ['applicant', 'officer', 'senior_reviewer', 'auditor', 'admin'] as const;

/** A role in words ("经办人"); a role the console does not know, as the API named it. */
export function useRoleName() {
  const { t } = useI18n();
  return (role: string) =>
    (ROLES as readonly string[]).includes(role) ? t(`role.${role as (typeof ROLES)[number]}`) : role;
}

/**
 * A person by account id, in words: "您（经办人）" for the caller, "张三（审核负责人）" for a colleague of the
 * authority, "一位同事" for anyone no longer on its active staff. Never the id itself.
 */
export function usePersonName() {
  const { t } = useI18n();
  const { session } = useAuth();
  const colleagues = useColleagues();
  const role = useRoleName();
  return (accountId: string | null | undefined): string => {
    if (!accountId) return t('workOps.none');
    const colleague = colleagues.data?.find((c) => c.accountId === accountId);
    if (accountId === session?.user.id) return t('workOps.holder.me', { role: role(session.user.role) });
    return colleague
      ? t('workOps.holder.named', { name: colleague.displayName, role: role(colleague.role) })
      : t('workOps.holder.colleague');
  };
}

/** A refusal of the caller or of the moment (403 this person may not, 409 not now; ADR 0018), not of the input. */
function isRefusal(error: unknown): error is ProblemError {
  return error instanceof ProblemError && (error.status === 403 || error.status === 409);
}

/**
 * One workbench operation on a case. The API alone decides whether it is possible (ADR 0027: nobody but the
 * holder acts on a held step, four eyes, 回避, the urge interval …) and nothing tells it beforehand, so the console
 * tries and keeps the answer: a refusal about the caller or the moment (403, 409) disables the operation with the
 * API's words until the case changes (`version`), the form's input does (`clearRefusal`) or the reader switches
 * language (the words came in the one asked for; trying again brings them in the other); a refusal of the input
 * (422: the colleague chosen cannot receive the step) stays an alert beside the form.
 */
export function useWorkOperation<V>(caseId: string, version: number, call: (values: V) => Promise<unknown>) {
  const queries = useQueryClient();
  const { language } = useI18n();
  const [refusal, setRefusal] = useState<{ version: number; language: string; problem: ProblemError } | null>(
    null,
  );
  const mutation = useMutation({
    mutationFn: call,
    onSuccess: () => {
      setRefusal(null);
      void queries.invalidateQueries({ queryKey: ['case', caseId] });
      void queries.invalidateQueries({ queryKey: ['work-items'] });
    },
    onError: (error) => {
      if (isRefusal(error)) setRefusal({ version, language, problem: error });
    },
  });
  const refused =
    refusal && refusal.version === version && refusal.language === language ? refusal.problem : null;
  return {
    ...mutation,
    refused,
    /** The error to show as an alert: any but a refusal, which is shown beside the disabled operation. */
    alert: isRefusal(mutation.error) ? null : mutation.error,
    clearRefusal: () => setRefusal(null),
  };
}

/** What the console shows of an operation, whatever it takes: refused (with the API's words), failed, running or done. */
export interface WorkOperation {
  refused: ProblemError | null;
  alert: unknown;
  isPending: boolean;
  isSuccess: boolean;
  clearRefusal: () => void;
}
