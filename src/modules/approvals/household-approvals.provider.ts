import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdApprovals, HouseholdLinks } from '../households/household-links';
import { ApprovalsRepository } from './approvals.repository';

/** Tells households, at start-up, which of them have a request waiting (HouseholdLinks). */
@Injectable()
export class HouseholdApprovalsProvider implements HouseholdApprovals, OnModuleInit {
  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly links: HouseholdLinks,
  ) {}

  onModuleInit(): void {
    this.links.provideApprovals(this);
  }

  pendingAmong(householdIds: string[], manager?: EntityManager): Promise<Set<string>> {
    return this.approvals.pendingAmong(householdIds, manager);
  }
}
