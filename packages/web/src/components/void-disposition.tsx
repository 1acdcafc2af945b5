/** The void's required choice (claim page and denial worklist alike). */
import { VOID_DISPOSITION_WORDS, type VoidDisposition } from '@medbill/core';

/** What becomes of the voided claim's balance once the payer's reversal is posted: both options in words, no default. */
export function VoidDispositionChoice({
  value,
  onChange,
  canWriteOff,
}: {
  value: VoidDisposition | null;
  onChange: (d: VoidDisposition) => void;
  /** without the write-off permission the option is shown, not offered */
  canWriteOff: boolean;
}) {
  return (
    <fieldset className="void-disposition">
      <legend>When the payer takes the claim back, the balance…</legend>
      {(['rebill', 'write_off'] as const).map((d) => (
        <label key={d} className="choice">
          <input
            type="radio"
            name="void-disposition"
            checked={value === d}
            disabled={d === 'write_off' && !canWriteOff}
            onChange={() => onChange(d)}
          />{' '}
          {VOID_DISPOSITION_WORDS[d]}
          {d === 'write_off' && !canWriteOff ? <span className="muted"> — you do not have that permission</span> : null}
        </label>
      ))}
    </fieldset>
  );
}
