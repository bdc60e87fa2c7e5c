// The ledger template's columns (五清台账, issue 7): a leaf module with no imports, read by the template, the import
// reader, the synonyms table (app/rules/registry-synonyms.ts) and the problems workbook.

/** Spreadsheet columns in template order: the header a county types, and the field it fills. */
export const REGISTRY_COLUMNS = [
  { header: '姓名', field: 'name', width: 10 },
  { header: '身份证号码', field: 'idNumber', width: 22 },
  { header: '手机号码', field: 'phone', width: 14 },
  { header: '乡镇（街道）', field: 'township', width: 14 },
  { header: '村（社区）', field: 'village', width: 14 },
  { header: '户类型', field: 'householdStatus', width: 10 },
  { header: '就业状态', field: 'employmentStatus', width: 12 },
  { header: '就业需求', field: 'employmentNeed', width: 14 },
  { header: '技能水平', field: 'skillLevel', width: 12 },
  { header: '技能特长', field: 'skills', width: 16 },
  { header: '困难问题', field: 'difficulties', width: 20 },
  { header: '帮扶措施', field: 'assistanceMeasures', width: 20 },
  { header: '备注', field: 'notes', width: 20 },
] as const satisfies readonly { header: string; field: string; width: number }[]

/** A template field's name: name, idNumber, phone, township, … (the keys of a sheet row's values). */
export type RegistryField = (typeof REGISTRY_COLUMNS)[number]['field']
