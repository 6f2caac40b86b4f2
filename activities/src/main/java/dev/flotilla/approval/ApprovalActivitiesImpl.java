package dev.flotilla.approval;

import dev.flotilla.audit.AuditEvent;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.CycleStore.ActionRecord;
import dev.flotilla.optimization.CycleStore.PlannedAction;
import dev.flotilla.optimization.Recommendation;
import dev.flotilla.settings.FlotillaSettings;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may decide on an approval, reminders, and execution of approved batches.
 *
 * <p>A dry run (the default) records each approved recommendation in {@code executed_actions} with
 * a line saying what would be done. A real run hands each one, in acting order, to the {@link
 * ActionExecutor} (AWS) and records what it did. Either way the row's key (approval,
 * recommendation, whose id is action and resource) is the business identity: an action already
 * completed for this approval is not carried out again, by a retry or by a second execution. A real
 * action is marked started before it changes anything and completed after, so a retry resumes the
 * one that was cut short. The first action that fails stops the batch: later actions may depend on
 * it (a primary is stopped only after its replicas are gone).
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
  private final ActionExecutor executor;

  /** Reminders go to the log and the audit trail only; only dry runs can be executed. */
  public ApprovalActivitiesImpl(FlotillaSettings settings, CycleStore store) {
    this(settings, store, ApprovalNotifier.LOG_ONLY, null);
  }

  /**
   * @param notifier delivers reminders and escalations to people (operator alerting's channels)
   * @param executor carries out approved actions when an approval is not a dry run; null refuses
   *     such runs ({@value #EXECUTION_NOT_AVAILABLE})
   */
  public ApprovalActivitiesImpl(
      FlotillaSettings settings,
      CycleStore store,
      ApprovalNotifier notifier,
      ActionExecutor executor) {
    this.settings = settings;
    this.store = store;
    this.audit = new AuditLog(store.dataSource());
    this.notifier = notifier;
    this.executor = executor;
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
    if (!request.dryRun() && executor == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "approval "
              + request.approvalId()
              + ": this worker has no AWS executor, only dry runs; nothing was changed in AWS",
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
    if (!request.dryRun()) {
      return executeForReal(request, actions);
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

  private ExecutionReport executeForReal(ExecutionRequest request, List<PlannedAction> actions) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<String> lines = new ArrayList<>(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      PlannedAction action = actions.get(i);
      String recommendationId = action.recommendation().id();
      Optional<ActionRecord> recorded = store.action(request.approvalId(), recommendationId);
      if (recorded.isPresent() && recorded.get().completed()) {
        lines.add(recorded.get().description());
        continue;
      }
      String line;
      try {
        line =
            executor.execute(
                action,
                new ActionExecutor.Progress() {
                  @Override
                  public String priorState(String observed) {
                    return store.startAction(request.approvalId(), recommendationId, observed);
                  }

                  @Override
                  public void heartbeat() {
                    context.heartbeat(recommendationId);
                  }
                });
      } catch (ApplicationFailure e) {
        throw stoppedAt(request, i, actions.size(), action, e);
      }
      store.completeAction(request.approvalId(), recommendationId, line);
      log.info("approval {}: {}", request.approvalId(), line);
      lines.add(line);
      context.heartbeat(recommendationId);
    }
    return new ExecutionReport(
        lines.size(), false, lines.subList(0, Math.min(REPORT_LINES, lines.size())));
  }

  /** The executor's failure, same type and retryability, saying where in the batch it stopped. */
  private static ApplicationFailure stoppedAt(
      ExecutionRequest request, int index, int total, PlannedAction action, ApplicationFailure e) {
    String message =
        "approval "
            + request.approvalId()
            + ": action "
            + (index + 1)
            + " of "
            + total
            + " ("
            + action.recommendation().id()
            + ") failed, "
            + index
            + " done before it: "
            + e.getOriginalMessage();
    return e.isNonRetryable()
        ? ApplicationFailure.newNonRetryableFailure(message, e.getType())
        : ApplicationFailure.newFailure(message, e.getType());
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
