import type { Random } from './random'

// Demo names for rural Chongqing labourers born 1966–2005. Faker's zh_CN names are one generation of
// city boys' names with rare compound surnames, and cannot follow the sex coded in an ID number; these
// lists are demo data, not a rule (see docs/decisions/004-demo-data.md).
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗',
  '谭', '冉', '向', '彭', '邓', '唐', '田', '杨', '龙', '石', '秦', '余', '蒋', '熊', '任', '汪', '曾', '廖',
] as const
const MALE_GIVEN = [
  '建国', '建华', '国强', '志刚', '明', '勇', '军', '伟', '永红', '德华', '家富', '昌平', '洪', '小龙', '正兵',
  '光荣', '世平', '远志', '海波', '文斌', '俊', '浩', '宇航', '鹏', '成林', '大勇', '祖明', '长江', '仁贵', '应强',
] as const
const FEMALE_GIVEN = [
  '秀英', '桂兰', '玉梅', '春燕', '小红', '丽', '敏', '霞', '芳', '红梅', '晓琴', '雪梅', '凤', '文静', '婷',
  '欢', '金菊', '素华', '家秀', '小芳', '亚兰', '明珍', '佳', '倩', '银秀', '翠', '春梅', '永琼', '莉', '艳',
] as const

export function demoName(random: Random, sex: 'male' | 'female') {
  return random.pick(SURNAMES) + random.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN)
}
