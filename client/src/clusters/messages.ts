/** The clusters area's messages (keys "clusters.<key>"); see ui/i18n.ts. */
export const messages = {
  'error.shares.*.municipalityId.DUPLICATE': { en: 'This municipality has a share already.', da: 'Kommunen har allerede en andel.', sv: 'Kommunen har redan en andel.' },
};
