/** RFC 9457 problem details as the API sends them (apps/api/src/http/problem-details.ts), in the asked language. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  correlationId?: string;
  errors?: { field: string; code: string; message: string }[];
  [extension: string]: unknown;
}

/** What a failed API call throws: the problem the API answered, or one made up for a network failure. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ProblemError';
  }

  get status(): number {
    return this.problem.status;
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).title === 'string' &&
    typeof (body as Problem).code === 'string'
  );
}

/** The problem of a non-2xx answer; a body that is not one (a proxy's HTML page) still gives a readable problem. */
export function problemOf(body: unknown, response: Response): Problem {
  if (isProblem(body)) return { ...body, status: body.status ?? response.status };
  return {
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: 'HTTP_ERROR',
  };
}
