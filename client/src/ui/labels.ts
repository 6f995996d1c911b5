/** "GROWTH_HOUSE" -> "Growth house". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const COUNTRIES: Record<string, string> = { DK: 'Denmark', SE: 'Sweden' };
export const countryName = (code: string) => COUNTRIES[code] ?? code;

const SIZE_CLASSES: Record<string, string> = {
  MICRO: 'Micro (< 10)',
  SMALL: 'Small (10-49)',
  MEDIUM: 'Medium (50-249)',
  LARGE: 'Large (250+)',
};
export const sizeClassLabel = (value: string | null | undefined) => (value ? (SIZE_CLASSES[value] ?? humanize(value)) : '');
