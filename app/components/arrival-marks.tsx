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

/** The form's buttons: 确认到岗 and 标记未到岗 for the ticked people (整批已抵达 is its own confirmed step on the page). */
export function ArrivalActions() {
  const arriving = useIsPending({ intent: 'arrived' })
  const missing = useIsPending({ intent: 'missing' })
  return (
    <div className="actions no-print">
      <SubmitButton pending={arriving} name="intent" value="arrived">
        确认到岗
      </SubmitButton>
      <SubmitButton pending={missing} name="intent" value="missing" className="button button--secondary">
        标记未到岗
      </SubmitButton>
    </div>
  )
}
