import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** Ids in paths are UUIDs; anything else cannot name a record, so it is a 404 like an unknown id. */
export const IdParam = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Not found') });
