import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units belong to the network of the series that use them; a new unit belongs to its creator until a
 * series uses it. Existing units keep a null creator: who sees them follows from their use alone.
 * (Like person.created_by_id, no foreign key: an erased person's rows stay in place.)
 */
export class UnitCreatedBy1795800100000 implements MigrationInterface {
  name = 'UnitCreatedBy1795800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit" ADD "created_by_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit" DROP COLUMN "created_by_id"`);
  }
}
