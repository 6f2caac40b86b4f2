package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.settings.FlotillaSettings;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdsMaxConnectionsTest {

  @Test
  void estimatesFromTheClassMemory() {
    assertThat(RdsMaxConnections.memoryGib("db.t3.micro")).isEqualTo(1);
    assertThat(RdsMaxConnections.memoryGib("db.t4g.2xlarge")).isEqualTo(32);
    assertThat(RdsMaxConnections.memoryGib("db.m5.large")).isEqualTo(8);
    assertThat(RdsMaxConnections.memoryGib("db.m6g.4xlarge")).isEqualTo(64);
    assertThat(RdsMaxConnections.memoryGib("db.r5.xlarge")).isEqualTo(32);
    assertThat(RdsMaxConnections.memoryGib("db.r6gd.2xlarge")).isEqualTo(64);
    assertThat(RdsMaxConnections.estimate("db.t3.micro")).isEqualTo(112);
    assertThat(RdsMaxConnections.estimate("db.r5.large")).isEqualTo(1802);
    assertThat(RdsMaxConnections.estimate("db.r5.24xlarge")).isEqualTo(5000);
    assertThat(RdsMaxConnections.estimate("db.serverless")).isNull();
    assertThat(RdsMaxConnections.estimate(null)).isNull();
  }

  @Test
  void theSampleInventoryTableAgreesWithTheEstimate() {
    SampleInventory.DB_CLASS_MEMORY_GIB.forEach(
        (dbClass, gib) ->
            assertThat(RdsMaxConnections.memoryGib(dbClass)).as(dbClass).isEqualTo(gib));
  }

  @Test
  void aMalformedEndpointIsANonRetryableBadRequest() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                AwsInventorySource.fromSettings(
                    new FlotillaSettings.Aws("us-east-1", "localhost:4566", List.of())));
    assertThat(failure.getType()).isEqualTo(AwsInventorySource.BAD_REQUEST);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("localhost:4566");
  }

  @Test
  void loadBalancerIdsAreTheArnSuffix() {
    assertThat(
            AwsInventorySource.loadBalancerId(
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"))
        .isEqualTo("app/web/50dc6c495c0c9188");
  }
}
