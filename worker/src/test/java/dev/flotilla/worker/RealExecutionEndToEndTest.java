package dev.flotilla.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.flotilla.settings.SettingsLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cycle with {@code dryRun: false} through the embedded stack and a real worker whose {@code
 * aws.endpoint} is WireMock speaking EC2's Query protocol: the inventory finds an unattached
 * volume, a person approves the batch through the CLI, and the worker deletes the volume in "AWS"
 * exactly once.
 */
class RealExecutionEndToEndTest {
  private static final String SCOPE = "aws:123456789012/us-east-1/ebs";
  private static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static WireMockServer aws;
  private static TestStack stack;
  private static WorkerProcess worker;

  @BeforeAll
  static void startStack() {
    aws = new WireMockServer(options().dynamicPort());
    aws.start();
    stubEc2();
    // The default credential chain reads these; WireMock checks no signature.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    stack = TestStack.embedded(true);
    worker =
        stack.startWorker(
            new SettingsLoader(
                    Map.of(
                        "FLOTILLA_WORKER_HTTP_PORT", "0", "FLOTILLA_AWS_ENDPOINT", aws.baseUrl()))
                .load(null)
                .withApprovers(Map.of(SCOPE, List.of("it-approver"))),
            "it-exec-worker");
  }

  @AfterAll
  static void stopStack() {
    if (worker != null) {
      worker.close();
    }
    if (stack != null) {
      stack.close();
    }
    aws.stop();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static CliRun flotilla(String... args) {
    return stack.cli(args);
  }

  @Test
  void anApprovedRealRunDeletesTheUnattachedVolumeOnce() throws Exception {
    String input =
        "{\"scope\": {\"source\": \"aws\", \"account\": \"123456789012\", \"regions\":"
            + " [\"us-east-1\"], \"services\": [\"ebs\"]}, \"dryRun\": false, \"requestedBy\":"
            + " \"it\"}";
    String cycleId = "optimization-cycle/" + SCOPE;
    CliRun started = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(started.exitCode()).as(started.err()).isZero();

    List<String> approvals = pendingApprovals(cycleId);
    assertThat(approvals).hasSize(1);
    CliRun approved = flotilla("approve", approvals.get(0), "--as", "it-approver");
    assertThat(approved.exitCode()).as(approved.err()).isZero();

    CliRun done = awaitClosed(cycleId);
    assertThat(done.out()).contains("Status     Completed").contains("\"approved\":1");
    CliRun approval = flotilla("describe", approvals.get(0));
    assertThat(approval.out())
        .contains("\"dryRun\":false")
        .contains("DELETE_VOLUME vol-0000000000000002 (us-east-1): deleted");
    aws.verify(
        1,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DeleteVolume&"))
            .withRequestBody(containing("VolumeId=vol-0000000000000002")));
  }

  private static void stubEc2() {
    aws.stubFor(
        ec2("DescribeVolumes")
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DescribeVolumesResponse xmlns="%s">
                        <requestId>1f3c2d4e-0000-4000-8000-000000000002</requestId>
                        <volumeSet>
                            <item>
                                <volumeId>vol-0000000000000002</volumeId>
                                <size>500</size>
                                <snapshotId/>
                                <availabilityZone>us-east-1b</availabilityZone>
                                <status>available</status>
                                <createTime>2023-11-20T08:30:00.000Z</createTime>
                                <attachmentSet/>
                                <volumeType>gp3</volumeType>
                                <iops>3000</iops>
                                <encrypted>true</encrypted>
                                <multiAttachEnabled>false</multiAttachEnabled>
                            </item>
                        </volumeSet>
                    </DescribeVolumesResponse>
                    """
                        .formatted(EC2_NS))));
    aws.stubFor(
        ec2("DescribeSnapshots")
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DescribeSnapshotsResponse xmlns="%s">
                        <requestId>1f3c2d4e-0000-4000-8000-000000000003</requestId>
                        <snapshotSet/>
                    </DescribeSnapshotsResponse>
                    """
                        .formatted(EC2_NS))));
    aws.stubFor(
        ec2("DeleteVolume")
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DeleteVolumeResponse xmlns="%s">
                        <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
                        <return>true</return>
                    </DeleteVolumeResponse>
                    """
                        .formatted(EC2_NS))));
  }

  private static MappingBuilder ec2(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  private static ResponseDefinitionBuilder xml(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(body);
  }

  /** The cycle's approval children, once it has asked for them (bounded wait on describe). */
  private static List<String> pendingApprovals(String cycleId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode view =
          new ObjectMapper().readTree(flotilla("describe", cycleId, "--output", "json").out());
      int batches = view.path("progress").path("batches").asInt();
      if (batches > 0 && view.path("pendingApprovals").size() == batches) {
        List<String> ids = new ArrayList<>();
        view.path("pendingApprovals").forEach(a -> ids.add(a.path("workflowId").asText()));
        return ids;
      }
      if (!view.path("status").asText("Running").equals("Running")) {
        throw new AssertionError("the cycle closed before asking for approvals: " + view);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no pending approvals within 120 s");
  }

  private static CliRun awaitClosed(String workflowId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      CliRun described = flotilla("describe", workflowId);
      if (!described.out().contains("Status     Running")) {
        return described;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(workflowId + " did not close within 60 s");
  }
}
