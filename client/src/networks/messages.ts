/** Networks and funding applications (keys "networks.<key>"); see ui/i18n.ts. */
export const messages = {
  'confirm.submit': {
    en: 'Submit the application? It can no longer be edited once submitted.',
    da: 'Indsend ansøgningen? Den kan ikke længere redigeres, når den er indsendt.',
    sv: 'Skicka in ansökan? Den kan inte längre ändras när den har skickats in.',
  },
};
