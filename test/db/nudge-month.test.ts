import { schoolMonthOfNudges } from '../helpers/school-month.js';

// The month is described in test/helpers/school-month.ts; PostgreSQL's runs in nudge-month-postgres.
schoolMonthOfNudges('pglite');
