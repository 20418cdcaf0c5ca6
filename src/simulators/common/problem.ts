// What a simulator refuses, independent of how its API says it: v2 renders it as
// ProblemDetails with the HTTP status, v1 as a `success:false` envelope.

export interface FieldError {
  /** The property path as the API names it, e.g. `MailAddress.City`. */
  field: string;
  message: string;
}

export type ProblemStatus = 400 | 404 | 409 | 413 | 415 | 500 | 503;

export class SimulatorProblem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly title: string,
    readonly detail: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(`${title}: ${detail}`);
    this.name = 'SimulatorProblem';
  }

  static validation(title: string, fields: readonly FieldError[]): SimulatorProblem {
    return new SimulatorProblem(400, title, fields.map((field) => field.message).join(' '), fields);
  }

  static notFound(detail: string): SimulatorProblem {
    return new SimulatorProblem(404, 'Object(s) not found', detail);
  }
}
