/** Where a person fixes what a scrubber edit points at (its `field`, e.g. 'coverage.memberId', 'lines[2].units'). */
export interface FixTarget {
  to: string;
  label: string;
}

export function whereToFix(
  field: string | undefined,
  ids: { patientId: number; encounterId: number; practiceId: number },
): FixTarget | null {
  if (!field) return null;
  const root = field.split(/[.[]/)[0];
  switch (root) {
    case 'patient':
      return { to: `/patients/${ids.patientId}`, label: 'Patient demographics' };
    case 'coverage':
    case 'subscriber':
      return { to: `/patients/${ids.patientId}`, label: 'Patient coverage' };
    case 'guarantor':
      return { to: `/patients/${ids.patientId}`, label: 'Patient guarantor' };
    case 'encounter':
    case 'institutional':
      return { to: `/encounters/${ids.encounterId}`, label: 'Encounter' };
    case 'diagnoses':
      return { to: `/encounters/${ids.encounterId}`, label: 'Encounter diagnoses' };
    case 'lines':
      return { to: `/encounters/${ids.encounterId}`, label: `Encounter service line${lineNo(field)}` };
    case 'practice':
      return { to: `/practices/${ids.practiceId}`, label: 'Practice (billing provider)' };
    case 'rendering':
    case 'referring':
      return { to: '/providers', label: root === 'rendering' ? 'Rendering provider' : 'Referring provider' };
    case 'payer':
      return { to: '/payers', label: 'Payer' };
    default:
      return null;
  }
}

function lineNo(field: string): string {
  const m = /^lines\[(\d+)\]/.exec(field);
  return m ? ` ${Number(m[1]) + 1}` : 's';
}
