/** Investment promotion (keys "investment.<key>"); see ui/i18n.ts. */
export const messages = {
  'error.evidence.REQUIRED': {
    en: 'A case counts as successful only with evidence: describe it, and give the municipality and the jobs realised.',
    da: 'En sag tæller kun som succesfuld med dokumentation: beskriv den, og angiv kommunen og de realiserede job.',
    sv: 'Ett etableringsärende räknas som lyckat först med belägg: beskriv det, och ange kommunen och de jobb som skapats.',
  },
  'error.evidence.description.REQUIRED': { en: 'Describe the evidence.', da: 'Beskriv dokumentationen.', sv: 'Beskriv belägget.' },
  'error.evidence.establishedInMunicipalityId.INVALID': {
    en: 'Must be one of the municipalities of the establishment group.',
    da: 'Skal være en af etableringsgruppens kommuner.',
    sv: 'Måste vara en av etableringsgruppens kommuner.',
  },
};
