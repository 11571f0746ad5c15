import { Injectable } from '@nestjs/common';

/** The coordinator's clock, injectable so a test can move time. */
@Injectable()
export class NodesClock {
  now(): Date {
    return new Date();
  }
}
