package dev.flotilla.approval;

public enum ApprovalState {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED
}
