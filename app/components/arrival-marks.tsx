import { useIsPending } from '~/utils/pending'
import { SubmitButton } from './submit-button'

// The receiving bureau's marks on a manifest (issue 12 §7): a tick box per person and the buttons that
// confirm the ticked people's arrival (到岗) or mark them missing, in one plain form (works without JavaScript).

/** A person's tick box, labelled by name for screen readers; `disabled` for someone the escort marked 未到. */
export function ArrivalTick({ seatId, name, disabled }: { seatId: number; name: string; disabled: boolean }) {
  return (
    <label className="checkbox">
      <input type="checkbox" name="seatIds" value={seatId} disabled={disabled} aria-label={`选择 ${name}`} />
    </label>
  )
}

/** The form's buttons: 确认到岗 and 标记未到岗 for the ticked people, and 整批已抵达 while the batch is departed. */
export function ArrivalActions({ canArriveBatch }: { canArriveBatch: boolean }) {
  const arriving = useIsPending({ intent: 'arrived' })
  const missing = useIsPending({ intent: 'missing' })
  const wholeBatch = useIsPending({ intent: 'arrive_batch' })
  return (
    <div className="actions no-print">
      <SubmitButton pending={arriving} name="intent" value="arrived">
        确认到岗
      </SubmitButton>
      <SubmitButton pending={missing} name="intent" value="missing" className="button button--secondary">
        标记未到岗
      </SubmitButton>
      {canArriveBatch ? (
        <SubmitButton pending={wholeBatch} name="intent" value="arrive_batch" className="button button--secondary">
          整批已抵达
        </SubmitButton>
      ) : null}
    </div>
  )
}
