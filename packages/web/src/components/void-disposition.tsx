/** The void's required choice (claim page and denial worklist alike). */
import { VOID_DISPOSITION_WORDS, type VoidDisposition } from '@medbill/core';

/** What becomes of the voided claim's balance once the payer's reversal is posted: both options in words, no default. */
export function VoidDispositionChoice({
  value,
  onChange,
}: {
  value: VoidDisposition | null;
  onChange: (d: VoidDisposition) => void;
}) {
  return (
    <fieldset className="void-disposition">
      <legend>When the payer takes the claim back, the balance…</legend>
      {(['rebill', 'write_off'] as const).map((d) => (
        <label key={d} className="choice">
          <input type="radio" name="void-disposition" checked={value === d} onChange={() => onChange(d)} />{' '}
          {VOID_DISPOSITION_WORDS[d]}
        </label>
      ))}
    </fieldset>
  );
}
