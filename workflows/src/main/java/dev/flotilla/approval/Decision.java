package dev.flotilla.approval;

/** A person's answer, as sent in signal {@code decide}. */
public record Decision(Kind decision, String approver, String comment) {
  public enum Kind {
    APPROVE,
    REJECT
  }
}
