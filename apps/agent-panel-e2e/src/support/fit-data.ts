/** The caller and the matches the panel-fit spec offers (issue 16 §1). */

export const CALLER = {
  recordId: '003000000000001AAA',
  objectType: 'Contact' as const,
  name: 'María Pérez',
  fields: [
    // Long enough to wrap in the 620 × 420 call column (issue 16 §1, the real stack's pop).
    { label: 'Account', value: 'Construcciones y Reformas García S.L.' },
    { label: 'Owner', value: 'Carolina Núñez' },
  ],
};

export const CANDIDATES = Array.from({ length: 8 }, (_, i) => ({
  recordId: `003000000000${String(i).padStart(3, '0')}AAA`,
  objectType: (i % 2 ? 'Account' : 'Contact') as 'Account' | 'Contact',
  name: i % 2 ? `Anderson Consulting Group ${i}` : `James Young ${i}`,
  fields: [
    { label: 'Phone', value: '206 555 0101' },
    { label: 'Owner', value: 'Lucía Fernández' },
  ],
}));
