/** The agreements area's messages (keys "agreements.<key>"); see ui/i18n.ts. */
export const messages = {
  'error.content.periodEnd.INVALID': { en: 'The period must end after it starts.', da: 'Perioden skal slutte efter den starter.', sv: 'Perioden måste sluta efter att den börjar.' },
  'error.content.kpis.*.target.REQUIRED': { en: 'Give the KPI a target.', da: 'Angiv et mål for nøgletallet.', sv: 'Ange ett mål för nyckeltalet.' },
  'error.content.economy.*.amount.INVALID': { en: 'An amount cannot be negative.', da: 'Et beløb kan ikke være negativt.', sv: 'Ett belopp kan inte vara negativt.' },
  'error.externalActuals.*.source.REQUIRED': {
    en: 'Name the source of the figure (e.g. the survey).',
    da: 'Angiv kilden til tallet (fx undersøgelsen).',
    sv: 'Ange källan till siffran (t.ex. undersökningen).',
  },
  'error.parties.REQUIRED': { en: 'An agreement needs at least two parties.', da: 'En aftale skal have mindst to parter.', sv: 'Ett avtal måste ha minst två parter.' },
  'confirm.sign': {
    en: 'Sign the agreement for {{party}}?',
    da: 'Underskriv aftalen for {{party}}?',
    sv: 'Underteckna avtalet för {{party}}?',
  },
};
