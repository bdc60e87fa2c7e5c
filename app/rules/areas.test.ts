import { shortAreaName } from './areas'
import { testExamples } from '../../tests/examples'

testExamples('自治县用简称，其他名称不变 / autonomous counties get their short name, others stay', shortAreaName, [
  ['秀山土家族苗族自治县', '秀山县'],
  ['石柱土家族自治县', '石柱县'],
  ...['丰都县', '开州区', '潍坊市'].map((name) => [name, name] as const),
])
