package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code flotilla schedule} against the embedded (test) server, which has no Schedule API: create
 * falls back to a cron workflow, describe/list/delete work on it, the rest refuse. No worker runs:
 * a cron workflow waits for its first firing without one.
 */
class EmbeddedScheduleTest {
  private static final String CYCLE_ID = "optimization-cycle/aws:123456789012/us-east-1/ec2";

  private static TestServer.PortBoundTestServer server;
  private static String address;

  @BeforeAll
  static void startServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // Real time: with time skipping the test server would fire the cron at once.
    server = TestServer.createPortBoundServer(port, true);
    address = "127.0.0.1:" + port;
    registerSearchAttributes();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      FlotillaSearchAttributes.all()
          .forEach(
              key ->
                  request.putSearchAttributes(
                      key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  private static CliRun flotilla(String... args) {
    String[] withAddress = java.util.Arrays.copyOf(args, args.length + 2);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    return CliRun.of(withAddress);
  }

  @Test
  void givenTheEmbeddedServer_whenACycleIsScheduled_itShouldRunAsACronWorkflowUntilDeleted() {
    CliRun created =
        flotilla(
            "schedule",
            "create",
            "optimization-cycle",
            "--scope-account",
            "123456789012",
            "--region",
            "us-east-1",
            "--service",
            "ec2",
            "--source",
            "sample",
            "--every",
            "hourly");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out().lines())
        .singleElement()
        .asString()
        .startsWith(
            "the embedded server has no Schedules; started a cron workflow "
                + CYCLE_ID
                + " instead (cron \"0 * * * *\", run ");
    try (TemporalConnection temporal = new ConnectionOptions(address, "default").open()) {
      assertThat(ScheduleCommand.cronOf(temporal, CYCLE_ID)).contains("0 * * * *");
      assertThat(Describer.describe(temporal, CYCLE_ID, null).status()).isEqualTo("Running");
    }

    CliRun described = flotilla("schedule", "describe", CYCLE_ID);
    assertThat(described.exitCode()).as(described.err()).isZero();
    assertThat(described.out())
        .contains("Schedule   " + CYCLE_ID + " is a cron workflow")
        .contains("Cron       0 * * * *")
        .contains("Status     Running")
        .contains("Type       OptimizationCycle (optimization-cycle)");

    CliRun listed = flotilla("schedule", "list");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains(CYCLE_ID + "  cron workflow  cron \"0 * * * *\"");

    CliRun again =
        flotilla(
            "schedule",
            "create",
            "optimization-cycle",
            "--scope-account",
            "123456789012",
            "--region",
            "us-east-1",
            "--service",
            "ec2",
            "--every",
            "daily");
    assertThat(again.exitCode()).isEqualTo(ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND);
    assertThat(again.errLine())
        .startsWith("flotilla: a cycle for aws:123456789012/us-east-1/ec2 is already running");

    CliRun paused = flotilla("schedule", "pause", CYCLE_ID, "--note", "maintenance");
    assertThat(paused.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(paused.errLine())
        .isEqualTo(
            "flotilla: schedule pause needs a Temporal server with the Schedule API; the embedded"
                + " server has no Schedules (a cron workflow can only be deleted and created"
                + " again)");
    assertThat(flotilla("schedule", "trigger", CYCLE_ID).exitCode())
        .isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(flotilla("schedule", "unpause", CYCLE_ID).exitCode())
        .isEqualTo(ExitCode.UNAVAILABLE);

    CliRun deleted = flotilla("schedule", "delete", CYCLE_ID);
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out())
        .isEqualToIgnoringNewLines(
            "the embedded server has no Schedules; terminated the cron workflow " + CYCLE_ID);
    try (TemporalConnection temporal = new ConnectionOptions(address, "default").open()) {
      var info = temporal.client().newUntypedWorkflowStub(CYCLE_ID).describe();
      assertThat(info.getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }
  }

  @Test
  void givenRetentionEveryDay_whenScheduledOnTheEmbeddedServer_itShouldBeADailyCronWorkflow() {
    CliRun created = flotilla("schedule", "create", "retention", "--cron", "*/15 * * * *");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("started a cron workflow retention instead (cron \"*/15 * * * *\"");
    CliRun deleted = flotilla("schedule", "delete", "retention");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
  }

  @Test
  void givenAWorkflowThatIsNotACronWorkflow_whenDeletedAsASchedule_itShouldBeLeftAlone() {
    CliRun deleted = flotilla("schedule", "delete", "no-such-schedule");

    assertThat(deleted.exitCode()).isEqualTo(ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND);
    assertThat(deleted.errLine())
        .isEqualTo(
            "flotilla: no cron workflow with ID 'no-such-schedule' (the embedded server has no"
                + " Schedules)");
  }
}
