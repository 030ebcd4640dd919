// Time zones as people name them: a city (`London`, `new york`) or an IANA name in any case
// (`europe/london`), read as the IANA zone the runtime knows. Pure.

/** Common cities whose zone is not named after them. Every other IANA city matches by its own name. */
const CITIES: Record<string, string> = {
  uk: 'Europe/London',
  'united kingdom': 'Europe/London',
  england: 'Europe/London',
  scotland: 'Europe/London',
  wales: 'Europe/London',
  edinburgh: 'Europe/London',
  manchester: 'Europe/London',
  birmingham: 'Europe/London',
  glasgow: 'Europe/London',
  cardiff: 'Europe/London',
  leeds: 'Europe/London',
  liverpool: 'Europe/London',
  bristol: 'Europe/London',
  belfast: 'Europe/London',
  ireland: 'Europe/Dublin',
  cork: 'Europe/Dublin',
  nyc: 'America/New_York',
  boston: 'America/New_York',
  washington: 'America/New_York',
  'washington dc': 'America/New_York',
  philadelphia: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  baltimore: 'America/New_York',
  pittsburgh: 'America/New_York',
  charlotte: 'America/New_York',
  orlando: 'America/New_York',
  'eastern time': 'America/New_York',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  'san antonio': 'America/Chicago',
  minneapolis: 'America/Chicago',
  'st louis': 'America/Chicago',
  'new orleans': 'America/Chicago',
  nashville: 'America/Chicago',
  'central time': 'America/Chicago',
  'salt lake city': 'America/Denver',
  albuquerque: 'America/Denver',
  'mountain time': 'America/Denver',
  'san francisco': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  portland: 'America/Los_Angeles',
  'san diego': 'America/Los_Angeles',
  'san jose': 'America/Los_Angeles',
  sacramento: 'America/Los_Angeles',
  'las vegas': 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
  quebec: 'America/Toronto',
  calgary: 'America/Edmonton',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
  'abu dhabi': 'Asia/Dubai',
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
  'new zealand': 'Pacific/Auckland',
  'cape town': 'Africa/Johannesburg',
  'south africa': 'Africa/Johannesburg',
  japan: 'Asia/Tokyo',
  osaka: 'Asia/Tokyo',
  germany: 'Europe/Berlin',
  munich: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  france: 'Europe/Paris',
  lyon: 'Europe/Paris',
  spain: 'Europe/Madrid',
  barcelona: 'Europe/Madrid',
  italy: 'Europe/Rome',
  milan: 'Europe/Rome',
  netherlands: 'Europe/Amsterdam',
  geneva: 'Europe/Zurich',
  gmt: 'Etc/GMT',
  utc: 'UTC',
};

const key = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/\./g, '');

/** The runtime's name for a zone, or undefined when it knows no such zone. */
function canonical(name: string): string | undefined {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    return undefined;
  }
  // Written in any case, named as the runtime lists it (`europe/london` is Europe/London); an alias
  // it accepts but does not list (Asia/Calcutta) stays as written.
  return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === name.toLowerCase()) ?? name;
}

let byCity: Map<string, string> | undefined;

/** Every IANA zone by its last part, `new york` for America/New_York, built once when first asked. */
function ianaCities(): Map<string, string> {
  if (!byCity) {
    byCity = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop();
      if (city && !byCity.has(key(city))) byCity.set(key(city), zone);
    }
  }
  return byCity;
}

/** The IANA zone of a city or zone name, or undefined for a name it cannot place. */
export function readZoneName(name: string | undefined): string | undefined {
  if (name === undefined || !name.trim()) return undefined;
  const written = name.trim();
  if (written.includes('/') || written.toUpperCase() === 'UTC') return canonical(written.replace(/ /g, '_'));
  const wanted = key(written);
  return CITIES[wanted] ?? ianaCities().get(wanted);
}
