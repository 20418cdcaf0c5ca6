// Which property of each B datatype carries the origin marker (`powerofficego:<datatype>:<A id>`).
// v1 departments have no such property: they are found again by their unique `code`.
export const originMarkerFields: Record<string, string | undefined> = {
  customer: 'externalImportReference',
  employee: 'externalImportReference',
  contact: 'externalImportReference',
  contactperson: 'externalCode',
  department: undefined,
};
