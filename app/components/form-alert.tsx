/**
 * What refused a whole form (not one field), e.g. the model's "岗位已关闭", as one red line that screen
 * readers announce. Takes the messages (a conform reply's `error['']`, say); renders nothing when there
 * are none.
 */
export function FormAlert({ messages }: { messages: readonly string[] | null | undefined }) {
  if (!messages?.length) return null
  return (
    <p className="form-error" role="alert">
      {messages.join('')}
    </p>
  )
}
