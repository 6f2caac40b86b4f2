package dev.flotilla.optimization;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * WireMock as an emulator of AWS's wire format, shared by the tests that run the real AWS SDK
 * against stubs: the SDK settings that point at it and the Query-protocol (XML) requests and
 * answers of EC2, RDS and ELBv2.
 */
public final class AwsWireMock {
  public static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  public static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
  public static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  public static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

  private AwsWireMock() {}

  /**
   * The SDK pointed at the stub with backoff in milliseconds, so retries show up as calls without
   * slowing the test; WireMock checks no signature, so any credentials do.
   */
  public static AwsInventorySource.Config config(URI endpoint, int maxAttempts) {
    return new AwsInventorySource.Config(
        endpoint,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
        maxAttempts,
        Duration.ofMillis(1),
        Duration.ofMillis(5));
  }

  /** A Query-protocol request (EC2, RDS, ELBv2) for one action. */
  public static MappingBuilder queryAction(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  /** The requests WireMock saw for one Query-protocol action, to count them. */
  public static RequestPatternBuilder queryRequested(String action) {
    return postRequestedFor(urlPathEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"));
  }

  public static ResponseDefinitionBuilder xml(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(body);
  }

  /** EC2's error document, which differs from the other Query services'. */
  public static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>a4b1e5c2-0000-4000-8000-00000000000e</RequestID></Response>"""
                .formatted(code, message));
  }

  /** The error document of the Query services other than EC2 (RDS, ELBv2). */
  public static ResponseDefinitionBuilder queryError(
      int status, String namespace, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            """
            <ErrorResponse xmlns="%s">
              <Error>
                <Type>Sender</Type>
                <Code>%s</Code>
                <Message>%s</Message>
              </Error>
              <RequestId>9b7f4c1e-0000-4000-8000-00000000000f</RequestId>
            </ErrorResponse>
            """
                .formatted(namespace, code, message));
  }
}
