import type { Industry } from '../app/rules/vacancy'

// Word lists for the benchmark database (scripts/bench-data.ts) and the board benchmark
// (scripts/bench-board.ts): real-looking titles, company names and texts, invented companies. Data, not rules.

/** Post titles by industry, as Shandong bureaus write them. */
export const TITLES: Record<Industry, readonly string[]> = {
  manufacturing: ['普工', '电焊工', '氩弧焊工', '数控车床操作工', '装配工', '质检员', '机修工', '喷涂工', '冲压工', '注塑工'],
  electronics: ['电子装配工', 'SMT 操作员', '线束加工工', '手机组装普工', '电子厂普工'],
  textile: ['缝纫工', '挡车工', '验布员', '裁剪工', '熨烫工'],
  food: ['食品包装工', '分拣员', '冷库理货员', '屠宰分割工', '烘焙学徒'],
  domestic: ['家政服务员', '育婴员', '月嫂', '保洁员', '住家保姆'],
  care: ['养老护理员', '护工', '康复护理员'],
  logistics: ['叉车司机', '快递分拣员', '仓库管理员', '货车司机', '装卸工'],
  construction: ['钢筋工', '瓦工', '架子工', '木工', '水电工'],
  catering: ['厨师', '服务员', '面点师', '洗碗工', '配菜员'],
  agriculture: ['大棚种植工', '蔬菜采收工', '果园管理员'],
  other: ['杂工', '保安', '门卫'],
}

/** The two-character words company names are made of. */
export const COMPANY_WORDS = [
  '瑞丰',
  '宏达',
  '绿源',
  '海川',
  '顺通',
  '安居',
  '华新',
  '金禾',
  '恒泰',
  '康宁',
  '鑫源',
  '鲁南',
  '众合',
  '运河',
  '盛世',
  '新能',
  '齐鲁',
  '泰山',
  '渤海',
  '黄河',
] as const

/** The legal-form ending of a company name by industry. */
export const COMPANY_KINDS: Record<Industry, string> = {
  manufacturing: '机械制造有限公司',
  electronics: '电子科技有限公司',
  textile: '纺织服装有限公司',
  food: '食品有限公司',
  domestic: '家政服务有限公司',
  care: '养老服务中心',
  logistics: '物流有限公司',
  construction: '建筑劳务有限公司',
  catering: '餐饮管理有限公司',
  agriculture: '农业发展有限公司',
  other: '人力资源有限公司',
}

/** Requirements texts of a post; null for a post without one. */
export const REQUIREMENTS = [
  '身体健康，能适应倒班',
  '有相关工作经验者优先，持焊工证者优先',
  '吃苦耐劳，服从安排',
  '持证上岗，无证可免费培训',
  '初中以上文化程度，会简单电脑操作',
  '能长期稳定工作，夫妻工优先',
  '有叉车证、驾驶证者优先',
  '女性优先，有育儿经验',
  null,
] as const

/** Benefits texts of a post. */
export const BENEFITS = ['缴纳五险，免费工作餐', '提供集体宿舍，水电全免', '满一年发放返岗补贴', '节日福利，年终奖', '缴纳五险一金，包吃包住'] as const

/** Working-hours texts of a post. */
export const WORKING_HOURS = ['8 小时两班倒', '早 8 点至晚 5 点', '做六休一', '长白班', '做五休二'] as const

/** Monthly salary ranges by industry, whole yuan: [lowest minimum, highest minimum]. */
export const SALARY_YUAN: Record<Industry, readonly [number, number]> = {
  manufacturing: [4000, 8000],
  electronics: [4000, 7000],
  textile: [3500, 6500],
  food: [3500, 6000],
  domestic: [5000, 12000],
  care: [4500, 8000],
  logistics: [4500, 9000],
  construction: [6000, 11000],
  catering: [3500, 7000],
  agriculture: [3000, 5500],
  other: [3000, 5000],
}

/** Skills a ledger row lists. */
export const SKILLS = ['电焊', '砌筑', '家政服务', '中式烹调', '叉车驾驶', '缝纫', '水电安装', '养老护理', '电工', '装配', '面点', '育婴', '驾驶'] as const
/** Difficulties a ledger row lists. */
export const DIFFICULTIES = ['缺乏技能', '家中有老人需照顾', '子女上学', '身体原因只能做轻体力活', '不熟悉外地情况', '缺少路费'] as const
/** Assistance measures a ledger row lists. */
export const MEASURES = ['推荐山东对口岗位', '免费技能培训', '发放一次性交通补助', '开发公益性岗位', '帮扶车间就近就业', '结对干部定期回访'] as const
/** Mobile prefixes of the phones in the ledger. */
export const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '182', '187', '189', '199'] as const

export { weighted } from '../db/demo/ledger'
