/** Word lists for generated customers and addresses (Belgian flavour, like the real market). */

export const FIRST_NAMES = [
  'Anke',
  'Bart',
  'Charlotte',
  'Dirk',
  'Els',
  'Filip',
  'Griet',
  'Hannes',
  'Ilse',
  'Jan',
  'Katrien',
  'Lars',
  'Marie',
  'Nico',
  'Olivia',
  'Pieter',
  'Quinten',
  'Roos',
  'Sofie',
  'Tom',
  'Ulrike',
  'Veerle',
  'Wout',
  'Yasmine',
  'Zeno',
  'Amélie',
  'Benoît',
  'Camille',
  'Didier',
  'Élodie',
] as const;

export const LAST_NAMES = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
  'Dubois',
  'Lambert',
  'Dupont',
  'Vermeulen',
  'Hermans',
  'Van den Broeck',
  'Desmet',
  'Martens',
  'Lemmens',
  'Aerts',
  'Michiels',
  'Verstraete',
  'Cools',
  'Pauwels',
  'Leclercq',
] as const;

/** Street names; the abbreviation map below turns some into the forms people type. */
export const STREETS = [
  'Kerkstraat',
  'Stationsstraat',
  'Molenstraat',
  'Schoolstraat',
  'Dorpsstraat',
  'Nieuwstraat',
  'Kapelstraat',
  'Veldstraat',
  'Beekstraat',
  'Lindelaan',
  'Kastanjelaan',
  'Meersstraat',
  'Rue de la Gare',
  "Rue de l'Église",
  'Avenue des Tilleuls',
  'Steenweg op Brussel',
  'Koningin Astridlaan',
  'Groenstraat',
] as const;

export const CITIES = [
  { postalCode: '9000', city: 'Gent' },
  { postalCode: '2000', city: 'Antwerpen' },
  { postalCode: '3000', city: 'Leuven' },
  { postalCode: '8000', city: 'Brugge' },
  { postalCode: '3500', city: 'Hasselt' },
  { postalCode: '2800', city: 'Mechelen' },
  { postalCode: '1000', city: 'Brussel' },
  { postalCode: '8500', city: 'Kortrijk' },
  { postalCode: '9300', city: 'Aalst' },
  { postalCode: '5000', city: 'Namur' },
  { postalCode: '4000', city: 'Liège' },
  { postalCode: '7000', city: 'Mons' },
] as const;

/** Street-name abbreviations people use when typing an address. */
export function abbreviateStreet(street: string): string {
  if (street.endsWith('straat')) return `${street.slice(0, -'straat'.length)}str.`;
  if (street.endsWith('laan')) return `${street.slice(0, -'laan'.length)}ln.`;
  if (street.startsWith('Avenue ')) return `Av. ${street.slice('Avenue '.length)}`;
  if (street.startsWith('Rue ')) return street.toLowerCase();
  return street.toUpperCase();
}
