/** A copy of `values` without `keys`. */
export function omit<T extends object, K extends keyof T>(values: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...values };
  for (const key of keys) delete copy[key];
  return copy;
}
