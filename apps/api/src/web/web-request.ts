import { Request } from 'express';
import { ActiveSession } from '@kierto/access';
import { Person } from '@kierto/network';

/** An express request after WebSessionGuard: the session (or null) and its person. */
export interface WebRequest extends Request {
  webSession?: ActiveSession | null;
  /** Same field the API guards use, so SeriesAccessGuard works for pages too. */
  person?: Person;
}
