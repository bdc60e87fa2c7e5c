import { isClockTime, VEHICLE_SEATS } from './batch'
import { idNumberField, mobileField, optionalText, recordIdField } from './fields'
import { isCalendarDate, parsePoint } from './vacancy'
import { z } from './zod'

// The county's batch forms (issue 12 §2): the batch itself, a bus, a state move, a ledger worker added by
// ID number, a seat removed with a reason. The rules they apply beyond the form (dates ahead, employers of the
// destination bureau, capacity) are the model's (app/models/batch.server.ts).

const departureDate = z.string({ error: () => '请选择发车日期' }).transform((raw, ctx) => {
  const v = raw.trim()
  if (!isCalendarDate(v)) {
    ctx.addIssue({ code: 'custom', message: v === '' ? '请选择发车日期' : '发车日期应为 YYYY-MM-DD 格式的日期' })
    return z.NEVER
  }
  return v
})

const departureTime = z.string({ error: () => '请填写发车时间' }).transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim()
  if (!isClockTime(v)) {
    ctx.addIssue({ code: 'custom', message: v === '' ? '请填写发车时间' : '发车时间应为 HH:MM，如 07:30' })
    return z.NEVER
  }
  return v
})

/** Beside 纬度 when the map point is half given, not numbers, or outside China (parsePoint's box). */
export const POINT_MESSAGE = '地图位置无效：纬度和经度要一起填写，且在中国境内'

/** The batch form (new and edit). Employers arrive as ids; the map point as typed degrees (optional). */
export const BatchSchema = z
  .object({
    cityCode: z.string({ error: () => '请选择目的地城市' }).regex(/^\d{6}$/, '请选择目的地城市'),
    pickupName: optionalText('集合地点', 40, { required: true }),
    pickupAddress: optionalText('集合地址', 100, { required: true }),
    lat: z.string().optional(),
    lng: z.string().optional(),
    departureDate,
    departureTime,
    escortName: optionalText('带队干部', 20, { required: true }),
    escortPhone: mobileField,
    notes: optionalText('备注', 500, { multiline: true }),
    // The same employer ticked twice (or sent 60 times) counts once against the limit.
    employerIds: z
      .array(recordIdField)
      .transform((ids) => [...new Set(ids)])
      .refine((ids) => ids.length <= 50, '用人单位最多 50 家')
      .optional(),
  })
  .superRefine((v, ctx) => {
    // A map point sent but not a point in range is refused, never dropped in silence.
    if ((v.lat?.trim() || v.lng?.trim()) && !parsePoint(v.lat, v.lng)) ctx.addIssue({ code: 'custom', path: ['lat'], message: POINT_MESSAGE })
  })

export type BatchInput = z.output<typeof BatchSchema>

/** The model's values from the form's: the map point checked (parsePoint), employers deduplicated. */
export function batchValuesOf(input: BatchInput) {
  const point = parsePoint(input.lat, input.lng)
  return {
    cityCode: input.cityCode,
    pickupName: input.pickupName!,
    pickupAddress: input.pickupAddress!,
    pickupLat: point?.lat ?? null,
    pickupLng: point?.lng ?? null,
    departureDate: input.departureDate,
    departureTime: input.departureTime,
    notes: input.notes,
    escortName: input.escortName!,
    escortPhone: input.escortPhone,
    employerIds: [...new Set(input.employerIds ?? [])],
  }
}

/** A whole number from 1 to VEHICLE_SEATS.max typed into the field labelled `label` (座位数, 座号). */
function seatCount(label: string) {
  return z.string({ error: () => `请填写${label}` }).transform((raw, ctx) => {
    const v = raw.normalize('NFKC').trim()
    const n = Number(v)
    if (!/^\d{1,3}$/.test(v) || n < VEHICLE_SEATS.min || n > VEHICLE_SEATS.max) {
      ctx.addIssue({ code: 'custom', message: v === '' ? `请填写${label}` : `${label}应在 ${VEHICLE_SEATS.min} 到 ${VEHICLE_SEATS.max} 之间` })
      return z.NEVER
    }
    return n
  })
}

/** The intents of a batch's page: its moves, buses, and people. */
export const BatchPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open') }),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('reopen') }),
  z.object({ intent: z.literal('depart') }),
  z.object({ intent: z.literal('cancel'), reason: optionalText('取消原因', 200, { required: true }) }),
  z.object({ intent: z.literal('add_vehicle'), plate: optionalText('车牌号', 12, { required: true }), seats: seatCount('座位数') }),
  z.object({ intent: z.literal('remove_vehicle'), vehicleId: recordIdField }),
  z.object({ intent: z.literal('add_worker'), idNumber: idNumberField }),
  z.object({ intent: z.literal('remove_seat'), seatId: recordIdField, reason: optionalText('移出原因', 200, { required: true }) }),
  z.object({ intent: z.literal('move_seat'), seatId: recordIdField, vehicleId: recordIdField, seatNo: seatCount('座号') }),
])
