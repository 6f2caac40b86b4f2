package dev.flotilla.approval;

import dev.flotilla.audit.AuditEvent;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.CycleStore.PlannedAction;
import dev.flotilla.optimization.Recommendation;
import dev.flotilla.settings.FlotillaSettings;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may decide on an approval, reminders, and execution of approved batches.
 *
 * <p>Execution is a dry run only: each approved recommendation is recorded in {@code
 * executed_actions} with a line saying what would be done. The row's key (approval, recommendation)
 * makes a retried execution record nothing twice.
 */
public final class ApprovalActivitiesImpl implements ApprovalActivities {

  /** The failure type of an execution that is not a dry run. */
  public static final String EXECUTION_NOT_AVAILABLE = "ExecutionNotAvailable";

  /** The failure type of an execution whose batch has no stored recommendations. */
  public static final String BATCH_NOT_FOUND = "BatchNotFound";

  /** Lines an {@link ExecutionReport} carries; the rest are in {@code executed_actions}. */
  static final int REPORT_LINES = 20;

  private static final Logger log = LoggerFactory.getLogger(ApprovalActivitiesImpl.class);

  private final FlotillaSettings settings;
  private final CycleStore store;
  private final AuditLog audit;
  private final ApprovalNotifier notifier;

  /** Reminders go to the log and the audit trail only. */
  public ApprovalActivitiesImpl(FlotillaSettings settings, CycleStore store) {
    this(settings, store, ApprovalNotifier.LOG_ONLY);
  }

  /**
   * @param notifier delivers reminders and escalations to people (operator alerting's channels)
   */
  public ApprovalActivitiesImpl(
      FlotillaSettings settings, CycleStore store, ApprovalNotifier notifier) {
    this.settings = settings;
    this.store = store;
    this.audit = new AuditLog(store.dataSource());
    this.notifier = notifier;
  }

  /**
   * The approvers configured for exactly this scope key. None configured gives an empty list, and
   * an approval with no approvers can never be approved: every decision is ignored (and audited)
   * until it expires. That is deliberate: a scope nobody was made responsible for is not one
   * Flotilla changes.
   */
  @Override
  public List<String> approversFor(String scopeKey) {
    List<String> approvers = settings.approvers().get(scopeKey);
    return approvers == null
        ? List.of()
        : approvers.stream().filter(Objects::nonNull).distinct().toList();
  }

  @Override
  public void remind(ApprovalRequest request, boolean escalation) {
    String event = escalation ? "escalation" : "reminder";
    log.info(
        "approval {} ({} recommendations, ${}/month) is waiting for a decision: {} to {}",
        request.approvalId(),
        request.recommendations(),
        String.format(Locale.ROOT, "%.2f", request.savingsUsd()),
        event,
        request.approvers());
    notifier.notify(request, escalation, request.approvers());
    Map<String, String> details = new TreeMap<>();
    details.put("cycleId", request.cycleId());
    details.put("batchIndex", Integer.toString(request.batchIndex()));
    details.put("approvers", String.join(",", request.approvers()));
    audit.record(
        new AuditEvent(
            request.approvalId(),
            "approval",
            "approval",
            request.approvalId(),
            event,
            "flotilla",
            details),
        Activity.getExecutionContext().getInfo().getRunId());
  }

  @Override
  public ExecutionReport execute(ExecutionRequest request) {
    if (!request.dryRun()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "approval "
              + request.approvalId()
              + ": only dry runs are available; nothing was changed in AWS",
          EXECUTION_NOT_AVAILABLE);
    }
    List<PlannedAction> actions = store.batch(request.cycleId(), request.batchIndex());
    if (actions.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "approval "
              + request.approvalId()
              + ": cycle "
              + request.cycleId()
              + " has no recommendations in batch "
              + request.batchIndex(),
          BATCH_NOT_FOUND);
    }
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (PlannedAction action : actions) {
      descriptions.put(action.recommendation().id(), describe(action));
    }
    store.recordExecutions(request.approvalId(), true, descriptions);
    List<String> lines = new ArrayList<>(descriptions.values());
    return new ExecutionReport(
        lines.size(), true, lines.subList(0, Math.min(REPORT_LINES, lines.size())));
  }

  /** "would STOP_INSTANCE i-0abc (m5.large, us-east-1): saves $61.32/month". */
  static String describe(PlannedAction action) {
    Recommendation r = action.recommendation();
    List<String> where = new ArrayList<>(2);
    if (r.currentSize() != null && r.proposedSize() != null) {
      where.add(r.currentSize() + " -> " + r.proposedSize());
    } else if (r.currentSize() != null) {
      where.add(r.currentSize());
    }
    if (action.region() != null) {
      where.add(action.region());
    }
    return String.format(
        Locale.ROOT,
        "would %s %s%s: saves $%.2f/month",
        r.action(),
        r.resourceId(),
        where.isEmpty() ? "" : " (" + String.join(", ", where) + ")",
        r.estimatedMonthlySavingsUsd());
  }
}
