package dev.flotilla.worker;

import dev.flotilla.alerting.AlertActivitiesImpl;
import dev.flotilla.alerting.OperatorAlertsWorkflowImpl;
import dev.flotilla.approval.ApprovalActivitiesImpl;
import dev.flotilla.approval.ApprovalNotices;
import dev.flotilla.approval.ApprovalWorkflowImpl;
import dev.flotilla.approval.AwsActionExecutor;
import dev.flotilla.audit.AuditActivitiesImpl;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.cicd.CheckoutActivitiesImpl;
import dev.flotilla.cicd.PipelineActivitiesImpl;
import dev.flotilla.cicd.ReadmeToCicdWorkflowImpl;
import dev.flotilla.cicd.RepositoryFileActivitiesImpl;
import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.TaskQueues;
import dev.flotilla.component.BreakerState;
import dev.flotilla.component.ComponentActivitiesImpl;
import dev.flotilla.component.ComponentBreakers;
import dev.flotilla.component.ComponentHistoryWorkflowImpl;
import dev.flotilla.component.ComponentOperationWorkflowImpl;
import dev.flotilla.component.ComponentRecordsImpl;
import dev.flotilla.component.ComponentRuntime;
import dev.flotilla.component.LocalProcessRuntime;
import dev.flotilla.events.EventFeedActivitiesImpl;
import dev.flotilla.events.EventFeedWorkflowImpl;
import dev.flotilla.hello.GreetingActivitiesImpl;
import dev.flotilla.hello.HelloWorkflowImpl;
import dev.flotilla.maintenance.MaintenanceActivitiesImpl;
import dev.flotilla.maintenance.MaintenanceWorkflowImpl;
import dev.flotilla.optimization.AnalysisActivitiesImpl;
import dev.flotilla.optimization.ApprovalGroupWorkflowImpl;
import dev.flotilla.optimization.AwsInventorySource;
import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.FileInventorySource;
import dev.flotilla.optimization.InventoryActivitiesImpl;
import dev.flotilla.optimization.InventorySource;
import dev.flotilla.optimization.InventorySources;
import dev.flotilla.optimization.OptimizationCycleWorkflowImpl;
import dev.flotilla.optimization.PriceTable;
import dev.flotilla.optimization.ResourceBatchWorkflowImpl;
import dev.flotilla.optimization.SampleInventorySource;
import dev.flotilla.optimization.Scope;
import dev.flotilla.optimization.Thresholds;
import dev.flotilla.retention.RetentionActivitiesImpl;
import dev.flotilla.retention.RetentionWorkflowImpl;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.sync.PhaseLogActivitiesImpl;
import dev.flotilla.sync.SyncJobWorkflowImpl;
import dev.flotilla.sync.SyncNotifyActivitiesImpl;
import dev.flotilla.sync.SyncSinkActivitiesImpl;
import dev.flotilla.sync.SyncSinks;
import dev.flotilla.sync.SyncSourceActivitiesImpl;
import dev.flotilla.sync.SyncSources;
import dev.flotilla.sync.SyncStatsActivitiesImpl;
import dev.flotilla.sync.SyncStatsWorkflowImpl;
import dev.flotilla.worker.alerting.FailureReportingInterceptor;
import dev.flotilla.worker.alerting.OperatorAlertsSignals;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Flotilla workflow and activity, registered on its task queue. This is the one place that
 * says which implementation serves which contract.
 */
public final class FlotillaWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlotillaWorkers.class);

  private final WorkerFactory factory;
  private final Duration shutdownGrace;
  private final Components components;
  private final SyncSinks syncSinks;

  private FlotillaWorkers(
      WorkerFactory factory, Duration shutdownGrace, Components components, SyncSinks syncSinks) {
    this.factory = factory;
    this.shutdownGrace = shutdownGrace;
    this.components = components;
    this.syncSinks = syncSinks;
  }

  /** The component runtime and its breakers: one of each per worker process. */
  private record Components(ComponentRuntime runtime, ComponentBreakers breakers) {}

  /** Tuning that tests and the bench may change beyond what the settings file offers. */
  public record Tuning(
      FlotillaSettings.Worker settings, String identity, Duration stickyScheduleToStart) {
    public static Tuning of(FlotillaSettings.Worker settings, String identity) {
      return new Tuning(settings, identity, null);
    }
  }

  /**
   * What the features beyond {@code hello} need. They keep their state in Flotilla's database (an
   * optimization cycle's inventory, recorded alert deliveries, the audit trail), so a worker
   * without one serves only {@code hello} and neither serves the alerting workflow nor reports to
   * it (a report nobody serves would only pile up in a workflow that never runs).
   */
  public record Dependencies(
      FlotillaSettings settings, SecretRef secrets, DataSource dataSource, MeterRegistry meters) {
    public Dependencies(FlotillaSettings settings, SecretRef secrets, DataSource dataSource) {
      this(settings, secrets, dataSource, new SimpleMeterRegistry());
    }
  }

  public static FlotillaWorkers create(WorkflowClient client, Tuning tuning) {
    return create(client, tuning, null);
  }

  /**
   * @param dependencies null for a worker without Flotilla's database
   */
  public static FlotillaWorkers create(
      WorkflowClient client, Tuning tuning, Dependencies dependencies) {
    FlotillaSettings.Worker settings = tuning.settings();
    boolean virtualThreads = settings.virtualThreads() && Runtime.version().feature() >= 21;
    WorkerFactoryOptions.Builder factoryOptions =
        WorkerFactoryOptions.newBuilder()
            .setWorkflowCacheSize(settings.stickyCacheSize())
            .setUsingVirtualWorkflowThreads(virtualThreads);
    if (dependencies != null) {
      factoryOptions.setWorkerInterceptors(
          new FailureReportingInterceptor(
              new OperatorAlertsSignals(
                  () -> client,
                  TaskQueues.CORE,
                  dependencies.settings().alerts().consecutiveFailures())));
    }
    WorkerFactory factory = WorkerFactory.newInstance(client, factoryOptions.build());
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setIdentity(tuning.identity())
            .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
            .setMaxConcurrentWorkflowTaskExecutionSize(settings.maxConcurrentWorkflowTasks())
            .setMaxConcurrentWorkflowTaskPollers(settings.workflowPollers())
            .setMaxConcurrentActivityTaskPollers(settings.activityPollers())
            .setUsingVirtualThreads(virtualThreads);
    if (tuning.stickyScheduleToStart() != null) {
      options.setStickyQueueScheduleToStartTimeout(tuning.stickyScheduleToStart());
    }
    Worker core = factory.newWorker(TaskQueues.CORE, options.build());
    core.registerWorkflowImplementationTypes(failOnInvalidInput(), HelloWorkflowImpl.class);
    core.registerActivitiesImplementations(new GreetingActivitiesImpl(tuning.identity()));
    Components components = null;
    SyncSinks syncSinks = null;
    registerCicd(core);
    if (dependencies == null) {
      log.info("this worker has no Flotilla database: it serves hello and cicd only");
    } else {
      AlertActivitiesImpl channels =
          AlertActivitiesImpl.fromSettings(
              dependencies.settings().alerts(), dependencies.secrets(), dependencies.dataSource());
      registerOptimization(core, dependencies, channels);
      registerAlerting(core, dependencies, channels);
      registerRetention(core, dependencies);
      syncSinks = registerSync(core, dependencies, channels);
      components = registerComponents(core, dependencies, tuning.identity());
    }
    return new FlotillaWorkers(
        factory, Duration.ofSeconds(settings.shutdownGraceSeconds()), components, syncSinks);
  }

  /**
   * Component operations run local processes on this worker's host, supervised by this process;
   * their breakers are shared by every workflow this worker serves. Maintenance and the event and
   * history reads come with them, since they read the same tables.
   */
  private static Components registerComponents(
      Worker core, Dependencies dependencies, String identity) {
    AuditLog supervisionLog = new AuditLog(dependencies.dataSource());
    ComponentRuntime runtime =
        new LocalProcessRuntime(
            Path.of(System.getProperty("java.io.tmpdir"), "flotilla-components"),
            dependencies.secrets(),
            LOCAL_RESTARTS_PER_INSTANCE,
            new ComponentSupervisionEvents(supervisionLog, identity));
    ComponentBreakers breakers =
        new ComponentBreakers(
            ComponentBreakers.Settings.defaults(), Clock.systemUTC(), dependencies.meters());
    core.registerWorkflowImplementationTypes(
        failOnInvalidInput(),
        ComponentOperationWorkflowImpl.class,
        ComponentHistoryWorkflowImpl.class,
        EventFeedWorkflowImpl.class,
        MaintenanceWorkflowImpl.class);
    core.registerActivitiesImplementations(
        new ComponentActivitiesImpl(runtime, breakers),
        new ComponentRecordsImpl(dependencies.dataSource()),
        new EventFeedActivitiesImpl(dependencies.dataSource()),
        new MaintenanceActivitiesImpl(dependencies.dataSource()));
    return new Components(runtime, breakers);
  }

  /** How often the local runtime restarts an instance that died before it leaves it down. */
  static final int LOCAL_RESTARTS_PER_INSTANCE = 3;

  /** This worker's component circuit breakers; empty without Flotilla's database. */
  public List<BreakerState> breakerStates() {
    return components == null ? List.of() : components.breakers().states();
  }

  private static void registerOptimization(
      Worker core, Dependencies dependencies, AlertActivitiesImpl channels) {
    CycleStore store = new CycleStore(dependencies.dataSource());
    Function<Scope, InventorySource> registered =
        InventorySources.of(
            Map.of(
                "sample",
                new SampleInventorySource(dependencies.settings().sample().resources()),
                "aws",
                AwsInventorySource.fromSettings(dependencies.settings().aws())));
    // A file export is named by the scope itself, so its source is made per scope.
    Function<Scope, InventorySource> sources =
        scope ->
            scope.source().startsWith("file:")
                ? FileInventorySource.forScope(scope)
                : registered.apply(scope);
    core.registerWorkflowImplementationTypes(
        failOnInvalidInput(),
        OptimizationCycleWorkflowImpl.class,
        ResourceBatchWorkflowImpl.class,
        ApprovalGroupWorkflowImpl.class,
        ApprovalWorkflowImpl.class);
    core.registerActivitiesImplementations(
        new InventoryActivitiesImpl(sources, store),
        new AnalysisActivitiesImpl(
            store,
            PriceTable.bundled(),
            Thresholds.defaults().merge(new Thresholds(dependencies.settings().thresholds()))),
        new ApprovalActivitiesImpl(
            dependencies.settings(),
            store,
            // Reminders and escalations go out on the operator alerting channels.
            (request, escalation, approvers) ->
                channels.send(ApprovalNotices.of(request, escalation, approvers)),
            // Used only by approvals of cycles started with dryRun false (scope source aws).
            AwsActionExecutor.fromSettings(dependencies.settings().aws())),
        new AuditActivitiesImpl(dependencies.dataSource()));
  }

  /**
   * CI generation reads and writes repositories on the worker's disk and keeps nothing in the
   * database, so every worker serves it. Clones of git URLs go under the system's temporary
   * directory, one per URL, reused by later runs.
   */
  private static void registerCicd(Worker core) {
    core.registerWorkflowImplementationTypes(failOnInvalidInput(), ReadmeToCicdWorkflowImpl.class);
    core.registerActivitiesImplementations(
        new CheckoutActivitiesImpl(CICD_WORK_DIRECTORY),
        new RepositoryFileActivitiesImpl(),
        new PipelineActivitiesImpl());
  }

  static final Path CICD_WORK_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "flotilla-cicd");

  /**
   * Sync jobs stage and log in Flotilla's database and commit into the sink's (Flotilla's unless
   * the request names another by a secret reference). Returns the sink pools, closed with the
   * workers.
   */
  private static SyncSinks registerSync(
      Worker core, Dependencies dependencies, AlertActivitiesImpl channels) {
    SyncSinks sinks = new SyncSinks(dependencies.dataSource(), dependencies.secrets());
    core.registerWorkflowImplementationTypes(
        failOnInvalidInput(), SyncJobWorkflowImpl.class, SyncStatsWorkflowImpl.class);
    core.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(
            SyncSources.of(dependencies.dataSource(), SyncSources.defaultHttpClient()),
            dependencies.dataSource(),
            sinks),
        new SyncSinkActivitiesImpl(dependencies.dataSource(), sinks),
        new PhaseLogActivitiesImpl(dependencies.dataSource()),
        // The user who started a job hears how it went on the alerting channels.
        new SyncNotifyActivitiesImpl(channels::send),
        new SyncStatsActivitiesImpl(dependencies.dataSource()));
    return sinks;
  }

  /** Retention deletes from Flotilla's database, so only a worker with one serves it. */
  private static void registerRetention(Worker core, Dependencies dependencies) {
    core.registerWorkflowImplementationTypes(failOnInvalidInput(), RetentionWorkflowImpl.class);
    core.registerActivitiesImplementations(new RetentionActivitiesImpl(dependencies.dataSource()));
  }

  private static void registerAlerting(
      Worker core, Dependencies dependencies, AlertActivitiesImpl channels) {
    core.registerWorkflowImplementationTypes(
        failOnInvalidInput(), OperatorAlertsWorkflowImpl.class);
    core.registerActivitiesImplementations(channels);
  }

  /** A bad input fails the workflow with its message instead of retrying the task forever. */
  private static WorkflowImplementationOptions failOnInvalidInput() {
    return WorkflowImplementationOptions.newBuilder()
        .setFailWorkflowExceptionTypes(InvalidInputException.class)
        .build();
  }

  public void start() {
    factory.start();
    log.info("workers polling task queues {}", TaskQueues.all());
  }

  /** Stops taking new tasks (in-flight ones finish); other workers on the queues take over. */
  public void suspendPolling() {
    factory.suspendPolling();
  }

  public void resumePolling() {
    factory.resumePolling();
  }

  public boolean isRunning() {
    return factory.isStarted() && !factory.isShutdown();
  }

  /**
   * Stops polling, lets in-flight tasks finish within the grace period, then interrupts what is
   * left. Temporal retries any activity cut off here on another worker.
   */
  @Override
  public void close() {
    if (!factory.isStarted() || factory.isTerminated()) {
      return;
    }
    log.info("draining workers (grace {}s)", shutdownGrace.toSeconds());
    factory.shutdown();
    factory.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("grace period over; interrupting the activities still running");
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (components != null) {
      // Local component processes are supervised by this process and must not outlive it.
      components.runtime().close();
    }
    if (syncSinks != null) {
      syncSinks.close();
    }
  }
}
