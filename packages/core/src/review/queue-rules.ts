// CONTRACT STUB (lead): the build helper owns this file (pure rules, ZQueueRules, defaults).
export type TQueueRules = {
  removeNoIcpFit: boolean;
  flags: { open_networker: boolean; competitor: boolean; stale: boolean; recruiter: boolean; student: boolean };
  followUpMonths: number;
  jobChanges: boolean;
  protectedTagIds: string[];
  keepMonths: number;
  adminsDecide: boolean;
};
