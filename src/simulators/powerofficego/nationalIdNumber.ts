// National identity numbers are never read back: reads show "hidden" when one is set.
export function hideNationalIdNumber<R extends { NationalIdNumber?: string | null }>(record: R): R {
  return record.NationalIdNumber ? { ...record, NationalIdNumber: 'hidden' } : record;
}
