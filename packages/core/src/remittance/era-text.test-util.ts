/**
 * Writes small, real 835 files for tests from a compact description (amounts in cents): envelope with
 * correct counts, BPR/TRN, payer (with REF*2U) and payee, CLP/CAS/NM1/AMT, SVC/DTM/CAS/REF*6R/AMT*B6/LQ, PLB.
 */
export interface EraCas {
  group: string;
  reason: string;
  amount: number;
}
export interface EraService {
  code: string;
  modifiers?: string[];
  charge: number;
  paid: number;
  units?: number;
  date?: string; // CCYYMMDD
  lineControl?: string; // REF*6R
  submitted?: string; // SVC06 code
  allowed?: number;
  cas?: EraCas[];
  remarks?: string[];
}
export interface EraClaim {
  pcn: string;
  status: string;
  charge: number;
  paid: number;
  pr?: number;
  icn?: string;
  cas?: EraCas[];
  interest?: number;
  patient?: { last: string; first: string };
  crossover?: string;
  services?: EraService[];
  remarks?: string[];
}
export interface EraSpec {
  trace: string;
  total?: number; // BPR02 (default: balanced)
  payerId?: string; // REF*2U
  payerName?: string;
  originator?: string; // TRN03
  date?: string;
  isa13?: string;
  claims: EraClaim[];
  plb?: Array<{ reason: string; reference?: string; amount: number }>;
  /** break the SE count on purpose */
  wrongSeCount?: boolean;
  creditDebit?: string;
}

export const $ = (c: number): string => {
  const neg = c < 0;
  const a = Math.abs(c);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`.replace(/\.00$/, '');
  return neg ? `-${s}` : s;
};

const casSeg = (cas: EraCas[]): string[] => {
  const byGroup = new Map<string, EraCas[]>();
  for (const c of cas) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  return [...byGroup].map(([g, list]) => `CAS*${g}*${list.map((c) => `${c.reason}*${$(c.amount)}`).join('**')}`);
};

export function eraText(spec: EraSpec): string {
  const date = spec.date ?? '20261120';
  const claimsPaid = spec.claims.reduce((t, c) => t + c.paid, 0);
  const plb = (spec.plb ?? []).reduce((t, p) => t + p.amount, 0);
  const total = spec.total ?? claimsPaid - plb;
  const body: string[] = [
    `BPR*I*${$(total)}*${spec.creditDebit ?? 'C'}*ACH*CCP*01*011000015*DA*000111222*1000000000**01*021000021*DA*000333444*${date}`,
    `TRN*1*${spec.trace}*${spec.originator ?? '1000000000'}`,
    `DTM*405*${date}`,
    `N1*PR*${spec.payerName ?? 'TEST PAYER'}`,
    'N3*PO BOX 1',
    'N4*SPRINGFIELD*IL*62701',
    ...(spec.payerId ? [`REF*2U*${spec.payerId}`] : []),
    'PER*BL*PROVIDER SERVICES*TE*8005550100',
    'N1*PE*TEST CLINIC*XX*1234567893',
    'LX*1',
  ];
  for (const c of spec.claims) {
    body.push(
      `CLP*${c.pcn}*${c.status}*${$(c.charge)}*${$(c.paid)}*${c.pr !== undefined ? $(c.pr) : ''}*12*${c.icn ?? `ICN${c.pcn}`}*11*1`,
    );
    body.push(...casSeg(c.cas ?? []));
    body.push(`NM1*QC*1*${c.patient?.last ?? 'DOE'}*${c.patient?.first ?? 'JANE'}****MI*MEM12345`);
    if (c.crossover) body.push(`NM1*TT*2*${c.crossover}*****PI*CROSS1`);
    if (c.remarks?.length) body.push(`MOA***${c.remarks.join('*')}`);
    body.push(`DTM*050*${date}`);
    if (c.interest) body.push(`AMT*I*${$(c.interest)}`);
    for (const s of c.services ?? []) {
      const proc = ['HC', s.code, ...(s.modifiers ?? [])].join(':');
      body.push(`SVC*${proc}*${$(s.charge)}*${$(s.paid)}**${s.units ?? 1}${s.submitted ? `*HC:${s.submitted}` : ''}`);
      body.push(`DTM*472*${s.date ?? '20261102'}`);
      body.push(...casSeg(s.cas ?? []));
      if (s.lineControl) body.push(`REF*6R*${s.lineControl}`);
      if (s.allowed !== undefined) body.push(`AMT*B6*${$(s.allowed)}`);
      for (const r of s.remarks ?? []) body.push(`LQ*HE*${r}`);
    }
  }
  for (const p of spec.plb ?? [])
    body.push(`PLB*1234567893*20261231*${p.reason}${p.reference ? `:${p.reference}` : ''}*${$(p.amount)}`);
  const isa13 = spec.isa13 ?? '000000101';
  const segs = [
    `ISA*00*          *00*          *ZZ*PAYER          *ZZ*SUBMITTER      *261120*1200*^*00501*${isa13}*0*T*:`,
    `GS*HP*PAYER*SUBMITTER*${date}*1200*${Number(isa13)}*X*005010X221A1`,
    'ST*835*0001',
    ...body,
    `SE*${body.length + 2 + (spec.wrongSeCount ? 1 : 0)}*0001`,
    `GE*1*${Number(isa13)}`,
    `IEA*1*${isa13}`,
  ];
  return `${segs.join('~\n')}~\n`;
}
