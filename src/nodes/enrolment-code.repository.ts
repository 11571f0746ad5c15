// Operator-issued enrolment codes: issued once, used once.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { EnrolmentCodeEntity } from './entities/enrolment-code.entity';
import { rowsOf } from './sql-rows';

@Injectable()
export class EnrolmentCodeRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(EnrolmentCodeEntity) private readonly codes: Repository<EnrolmentCodeEntity>,
  ) {}

  insert(code: EnrolmentCodeEntity): Promise<EnrolmentCodeEntity> {
    return this.codes.save(this.codes.create(code));
  }

  /** Marks the unused, unexpired code with this hash used by the node; null when there is none. */
  async use(codeHash: string, at: Date, nodeId: string): Promise<Pick<EnrolmentCodeEntity, 'id' | 'simulated'> | null> {
    const used = rowsOf<Pick<EnrolmentCodeEntity, 'id' | 'simulated'>>(
      await this.dataSource.query(
        'UPDATE node_enrolment_codes SET used_at = $2, used_by = $3 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id, simulated',
        [codeHash, at, nodeId],
      ),
    );
    return used[0] ?? null;
  }
}
