import { schoolMonthOfNudges } from '../helpers/school-month.js';

// The month is described in test/helpers/school-month.ts; the embedded database's runs in nudge-month.
schoolMonthOfNudges('postgres');
