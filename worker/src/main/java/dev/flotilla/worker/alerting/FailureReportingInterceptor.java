package dev.flotilla.worker.alerting;

import dev.flotilla.alerting.FailureReport;
import dev.flotilla.alerting.OperatorAlertsWorkflow;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every failed activity attempt, and the success that follows, to the alerting workflow.
 * Temporal retries the activity as its options say; this only watches, so a retry is counted as the
 * consecutive failure it is.
 *
 * <p>The operation is {@code <activity type>:<workflow ID>}: a Flotilla workflow ID is the business
 * key of the work (a scope, a batch, a sync job), so one scope failing alerts for that scope, and
 * another scope succeeding does not hide it. What this cannot see: attempts that time out on the
 * server (the worker never finishes them) and attempts cut short by cancellation or shutdown.
 *
 * <p>Reporting never changes the activity's outcome: any problem signalling is logged and dropped.
 */
public final class FailureReportingInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(FailureReportingInterceptor.class);

  /** Beyond this many, recoveries are reported only after a retry (attempt > 1). */
  static final int MAX_REMEMBERED = 10_000;

  private final OperatorAlertsSignals signals;

  /** Operations this worker reported failing, so their next success here is reported too. */
  private final Set<String> reportedFailing = ConcurrentHashMap.newKeySet();

  public FailureReportingInterceptor(OperatorAlertsSignals signals) {
    this.signals = signals;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Reporting(next);
  }

  /** {@code <activity type>:<workflow ID>}, or the type alone for an activity outside workflows. */
  static String operation(ActivityInfo info) {
    return info.getWorkflowId() == null
        ? info.getActivityType()
        : info.getActivityType() + ":" + info.getWorkflowId();
  }

  /** The alerting workflow's own deliveries are not reported: a failing channel would loop. */
  static boolean watched(ActivityInfo info) {
    return !OperatorAlertsWorkflow.TYPE.equals(info.getWorkflowType());
  }

  private final class Reporting extends ActivityInboundCallsInterceptorBase {
    private ActivityInfo info;

    Reporting(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      info = context.getInfo();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      ActivityOutput output;
      try {
        output = super.execute(input);
      } catch (ActivityCompletionException e) {
        throw e; // cancelled or shut down: not a failure of the operation
      } catch (RuntimeException | Error e) {
        if (!benign(e)) {
          report(() -> failed(e));
        }
        throw e;
      }
      report(this::succeeded);
      return output;
    }

    /**
     * A benign failure is an expected state the retry policy waits out (a component still starting,
     * an open circuit breaker), not a fault to page anyone about.
     */
    private static boolean benign(Throwable e) {
      return e instanceof ApplicationFailure application
          && application.getCategory() == io.temporal.failure.ApplicationErrorCategory.BENIGN;
    }

    private void failed(Throwable e) {
      String operation = operation(info);
      String type =
          e instanceof ApplicationFailure application
              ? application.getType()
              : e.getClass().getSimpleName();
      String message =
          e instanceof ApplicationFailure application
              ? application.getOriginalMessage()
              : e.getMessage();
      signals.failed(
          new FailureReport(
              operation,
              type,
              message == null ? null : message.lines().findFirst().orElse(""),
              info.getWorkflowId(),
              info.getAttempt(),
              Instant.now(),
              e instanceof ApplicationFailure application && application.isNonRetryable()));
      if (reportedFailing.size() < MAX_REMEMBERED) {
        reportedFailing.add(operation);
      }
    }

    private void succeeded() {
      String operation = operation(info);
      if (reportedFailing.remove(operation) || info.getAttempt() > 1) {
        signals.succeeded(operation);
      }
    }

    private void report(Runnable signal) {
      if (info == null || !watched(info)) {
        return;
      }
      try {
        signal.run();
      } catch (RuntimeException e) {
        log.warn(
            "could not report activity {} to {}: {}",
            info.getActivityType(),
            OperatorAlertsWorkflow.WORKFLOW_ID,
            e.toString());
      }
    }
  }
}
