import type { Knex } from 'knex';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import type { Session } from '../session';
import { EnrolmentService } from './enrolment-service';
import { PlatformService } from './platform-service';
import { ReferenceService } from './reference-service';
import { SettingsService } from './settings-service';
import { TraineeService } from './trainee-service';

export interface Services {
  trainees: TraineeService;
  enrolments: EnrolmentService;
  platforms: PlatformService;
  reference: ReferenceService;
  settings: SettingsService;
}

export function createServices(db: Knex, session: Session, clock: HybridLogicalClock): Services {
  const reference = new ReferenceService(db);
  return {
    trainees: new TraineeService(db, session, clock),
    enrolments: new EnrolmentService(db, session, clock),
    platforms: new PlatformService(db, session, clock),
    reference,
    settings: new SettingsService(db, reference),
  };
}
