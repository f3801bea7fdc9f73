import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KiertoConfig } from '@kierto/config';
import { dataSourceOptions } from './data-source-options';

/** The one TypeORM connection of a process. Migrations run before it (prepare-database.ts), never synchronize. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [KiertoConfig],
      useFactory: (config: KiertoConfig) => dataSourceOptions(config.DATABASE_URL),
    }),
  ],
})
export class DatabaseModule {}
