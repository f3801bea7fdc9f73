import { Module } from '@nestjs/common';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SearchIndex } from './search-index';
import { SearchService } from './search.service';

/** Full-text search over minutes, agenda items and action items. Needs the app's TypeORM connection. */
@Module({
  providers: [FinnishAnalyzer, SearchIndex, SearchService],
  exports: [FinnishAnalyzer, SearchIndex, SearchService],
})
export class SearchModule {}
