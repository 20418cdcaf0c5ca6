// `Field=value` arguments as a person types them on the command line: `Name=Acme` sets text,
// `IsArchived:=true` sets JSON (numbers, booleans, null, objects), `MailAddress.City=Oslo` sets
// a nested field.

export function parseAssignments(assignments: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const match = /^([^=:]+)(:?=)(.*)$/s.exec(assignment);
    if (!match) throw new Error(`'${assignment}' is not Field=value (text) or Field:=json.`);
    const [, path, operator, raw] = match as unknown as [string, string, string, string];
    const value = operator === ':=' ? parseJson(raw, assignment) : raw;
    setPath(fields, path.split('.'), value);
  }
  return fields;
}

function parseJson(raw: string, assignment: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error(`'${assignment}': the value after := must be JSON.`);
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = target[head];
  const next = inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {};
  target[head] = next;
  setPath(next, rest, value);
}
