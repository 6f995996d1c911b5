/** The kit's messages (keys "ui.<key>"). Each area has its own file like this: see ui/i18n.ts. */
export const messages = {
  // Requests
  'request.network': { en: 'The server could not be reached. Try again.', da: 'Serveren kunne ikke nås. Prøv igen.', sv: 'Servern kunde inte nås. Försök igen.' },
  'request.forbidden': {
    en: 'You are not allowed to do this with your role in this organisation.',
    da: 'Din rolle i organisationen giver ikke lov til dette.',
    sv: 'Din roll i organisationen tillåter inte detta.',
  },
  'request.notFound': { en: 'This does not exist, or is not visible to you.', da: 'Dette findes ikke, eller du kan ikke se det.', sv: 'Detta finns inte, eller så kan du inte se det.' },
  'request.unauthenticated': { en: 'Your session has ended. Sign in again.', da: 'Din session er udløbet. Log ind igen.', sv: 'Din session har gått ut. Logga in igen.' },
  'request.badInput': { en: 'Some of the input was not accepted. Check the form.', da: 'Noget af det indtastede blev ikke godtaget. Tjek formularen.', sv: 'En del av det du angav godtogs inte. Kontrollera formuläret.' },
  'request.failed': { en: 'Something went wrong. Try again.', da: 'Noget gik galt. Prøv igen.', sv: 'Något gick fel. Försök igen.' },

  // Loading and paging
  'status.loading': { en: 'Loading {{what}}…', da: 'Henter {{what}}…', sv: 'Hämtar {{what}}…' },
  'status.couldNotLoad': { en: 'Could not load {{what}}:', da: 'Kunne ikke hente {{what}}:', sv: 'Kunde inte hämta {{what}}:' },
  'paging.loading': { en: 'Loading {{what}}…', da: 'Henter {{what}}…', sv: 'Hämtar {{what}}…' },
  'paging.couldNotLoad': { en: 'Could not load {{what}}:', da: 'Kunne ikke hente {{what}}:', sv: 'Kunde inte hämta {{what}}:' },
  'paging.loadMore': { en: 'Load more', da: 'Vis flere', sv: 'Visa fler' },

  // Form errors
  'errors.fieldsMarked_one': { en: 'One field needs correcting: see the marked field.', da: 'Ét felt skal rettes: se det markerede felt.', sv: 'Ett fält behöver rättas: se det markerade fältet.' },
  'errors.fieldsMarked_other': { en: '{{count}} fields need correcting: see the marked fields.', da: '{{count}} felter skal rettes: se de markerede felter.', sv: '{{count}} fält behöver rättas: se de markerade fälten.' },
  'error.REQUIRED': { en: 'Fill in this field.', da: 'Udfyld dette felt.', sv: 'Fyll i det här fältet.' },
  'error.REQUIRED.arrayMinSize': { en: 'Add at least one.', da: 'Tilføj mindst én.', sv: 'Lägg till minst en.' },
  'error.TOO_LONG': { en: 'This is too long.', da: 'Dette er for langt.', sv: 'Detta är för långt.' },
  'error.TOO_LONG.maxLength': { en: 'At most {{max}} characters.', da: 'Højst {{max}} tegn.', sv: 'Högst {{max}} tecken.' },
  'error.TOO_LONG.arrayMaxSize': { en: 'At most {{max}} entries.', da: 'Højst {{max}} stk.', sv: 'Högst {{max}} st.' },
  'error.INVALID': { en: 'This value is not valid.', da: 'Værdien er ikke gyldig.', sv: 'Värdet är inte giltigt.' },
  'error.INVALID.minLength': { en: 'At least {{min}} characters.', da: 'Mindst {{min}} tegn.', sv: 'Minst {{min}} tecken.' },
  'error.INVALID.arrayMinSize': { en: 'Add at least {{min}}.', da: 'Tilføj mindst {{min}}.', sv: 'Lägg till minst {{min}}.' },
  'error.INVALID.length': { en: 'Between {{min}} and {{max}} characters.', da: 'Mellem {{min}} og {{max}} tegn.', sv: 'Mellan {{min}} och {{max}} tecken.' },
  'error.INVALID.min': { en: 'Must be at least {{min}}.', da: 'Skal være mindst {{min}}.', sv: 'Måste vara minst {{min}}.' },
  'error.INVALID.max': { en: 'Must be at most {{max}}.', da: 'Må højst være {{max}}.', sv: 'Får vara högst {{max}}.' },
  'error.INVALID.isEmail': { en: 'Give a valid e-mail address.', da: 'Angiv en gyldig e-mailadresse.', sv: 'Ange en giltig e-postadress.' },
  'error.INVALID.isInt': { en: 'Give a whole number.', da: 'Angiv et helt tal.', sv: 'Ange ett heltal.' },
  'error.INVALID.isPositive': { en: 'Give a number above zero.', da: 'Angiv et tal over nul.', sv: 'Ange ett tal över noll.' },
  'error.INVALID.matches': { en: 'This is not in the expected form.', da: 'Dette har ikke den forventede form.', sv: 'Detta har inte den förväntade formen.' },
  'error.INVALID_IDENTIFIER': {
    en: 'This is not a valid CVR number or organisationsnummer.',
    da: 'Dette er ikke et gyldigt CVR-nummer eller organisationsnummer.',
    sv: 'Detta är inte ett giltigt CVR-nummer eller organisationsnummer.',
  },
  'error.DUPLICATE': { en: 'This already exists.', da: 'Dette findes allerede.', sv: 'Detta finns redan.' },
  'error.NOT_FOUND': { en: 'Not found, or not visible to you.', da: 'Findes ikke, eller du kan ikke se det.', sv: 'Finns inte, eller så kan du inte se det.' },
  'error.NOT_ALLOWED': { en: 'Your role does not allow this.', da: 'Din rolle giver ikke lov til dette.', sv: 'Din roll tillåter inte detta.' },
  'error.VERSION_CONFLICT': {
    en: 'Someone else changed this in the meantime. Check the current state and try again.',
    da: 'En anden har ændret dette imens. Tjek den aktuelle udgave og prøv igen.',
    sv: 'Någon annan har ändrat detta under tiden. Kontrollera det aktuella läget och försök igen.',
  },
  'error.IMMUTABLE': { en: 'This can no longer be changed.', da: 'Dette kan ikke længere ændres.', sv: 'Detta kan inte längre ändras.' },
  'error.BAD_CREDENTIALS': { en: 'Wrong e-mail or password.', da: 'Forkert e-mail eller adgangskode.', sv: 'Fel e-postadress eller lösenord.' },
  'error.TOO_MANY_ATTEMPTS': { en: 'Too many attempts. Wait a while and try again.', da: 'For mange forsøg. Vent lidt og prøv igen.', sv: 'För många försök. Vänta en stund och försök igen.' },
  'error.SHARES_DO_NOT_ADD_UP': { en: 'The shares must add up to exactly 100 %.', da: 'Andelene skal give præcis 100 %.', sv: 'Andelarna måste bli exakt 100 %.' },
  'error.NOT_ELIGIBLE': {
    en: 'The firm does not meet the programme’s criteria.',
    da: 'Virksomheden opfylder ikke programmets kriterier.',
    sv: 'Företaget uppfyller inte programmets kriterier.',
  },
  'error.CAPACITY_FULL': { en: 'There are no free places left.', da: 'Der er ikke flere ledige pladser.', sv: 'Det finns inga lediga platser kvar.' },
  'error.INVALID_STATE': { en: 'This is not possible in the current state.', da: 'Det er ikke muligt i den nuværende status.', sv: 'Det går inte i nuvarande status.' },
  'error.unknown': { en: 'Something is wrong with this value.', da: 'Der er noget galt med denne værdi.', sv: 'Något är fel med detta värde.' },

  // Confirmation of irreversible actions
  'confirm.title': { en: 'Are you sure?', da: 'Er du sikker?', sv: 'Är du säker?' },
  'confirm.cancel': { en: 'Cancel', da: 'Annuller', sv: 'Avbryt' },
  'confirm.irreversible': { en: 'This cannot be undone.', da: 'Det kan ikke fortrydes.', sv: 'Det går inte att ångra.' },

  // Firm finder
  'firmFinder.label': { en: 'Find a firm', da: 'Find en virksomhed', sv: 'Hitta ett företag' },
  'firmFinder.placeholder': { en: 'Firm name, CVR or organisationsnummer', da: 'Virksomhedsnavn, CVR eller organisationsnummer', sv: 'Företagsnamn, CVR eller organisationsnummer' },
  'firmFinder.search': { en: 'Search', da: 'Søg', sv: 'Sök' },
  'firmFinder.select': { en: 'Select', da: 'Vælg', sv: 'Välj' },
  'firmFinder.results': { en: 'Firms found', da: 'Fundne virksomheder', sv: 'Hittade företag' },
  'firmFinder.none': { en: 'No firms found.', da: 'Ingen virksomheder fundet.', sv: 'Inga företag hittades.' },
  'firmFinder.failed': { en: 'Search failed:', da: 'Søgningen mislykkedes:', sv: 'Sökningen misslyckades:' },
  'firmFinder.searching': { en: 'Searching…', da: 'Søger…', sv: 'Söker…' },
  'firmFinder.more': {
    en: 'More firms match: type more of the name, or the CVR.',
    da: 'Flere virksomheder matcher: skriv mere af navnet eller CVR-nummeret.',
    sv: 'Fler företag matchar: skriv mer av namnet eller organisationsnumret.',
  },
  'firmFinder.what': { en: 'firms', da: 'virksomheder', sv: 'företag' },
  'firm.prospect': { en: 'Prospect', da: 'Emne', sv: 'Prospekt' },
  'firm.growthPotential': { en: '{{level}} growth potential', da: '{{level}} vækstpotentiale', sv: '{{level}} tillväxtpotential' },

  // Enumerations shared by areas
  'role.VIEWER': { en: 'Viewer', da: 'Læser', sv: 'Läsare' },
  'role.CONSULTANT': { en: 'Consultant', da: 'Konsulent', sv: 'Konsult' },
  'role.EDITOR': { en: 'Editor', da: 'Redaktør', sv: 'Redaktör' },
  'role.ADMIN': { en: 'Admin', da: 'Administrator', sv: 'Administratör' },
  'size.MICRO': { en: 'Micro (< 10)', da: 'Mikro (< 10)', sv: 'Mikro (< 10)' },
  'size.SMALL': { en: 'Small (10-49)', da: 'Lille (10-49)', sv: 'Liten (10-49)' },
  'size.MEDIUM': { en: 'Medium (50-249)', da: 'Mellemstor (50-249)', sv: 'Medelstor (50-249)' },
  'size.LARGE': { en: 'Large (250+)', da: 'Stor (250+)', sv: 'Stor (250+)' },
  'level.HIGH': { en: 'High', da: 'Højt', sv: 'Hög' },
  'level.MEDIUM': { en: 'Medium', da: 'Middel', sv: 'Medel' },
  'level.LOW': { en: 'Low', da: 'Lavt', sv: 'Låg' },
  'shares.total': { en: 'Total {{total}}', da: 'I alt {{total}}', sv: 'Totalt {{total}}' },
  'shares.totalWrong': { en: 'Total {{total}}: must be exactly 100 %', da: 'I alt {{total}}: skal være præcis 100 %', sv: 'Totalt {{total}}: måste vara exakt 100 %' },
  'any': { en: 'Any', da: 'Alle', sv: 'Alla' },

  // Country picker (ui/CountrySelect.tsx)
  'country.placeholder': { en: 'Type to search, e.g. Germany', da: 'Skriv for at søge, fx Tyskland', sv: 'Skriv för att söka, t.ex. Tyskland' },
  'country.unknown': { en: 'Choose a country from the list.', da: 'Vælg et land på listen.', sv: 'Välj ett land i listan.' },
  'country.chosen': { en: 'Chosen: {{name}} ({{code}})', da: 'Valgt: {{name}} ({{code}})', sv: 'Valt: {{name}} ({{code}})' },
} as const;
