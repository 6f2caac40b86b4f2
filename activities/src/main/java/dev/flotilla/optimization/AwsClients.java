package dev.flotilla.optimization;

import io.temporal.failure.ApplicationFailure;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * AWS SDK v2 clients built one way for every adapter that talks to AWS (the inventory source and
 * the execution of approved actions), and the one mapping of SDK failures to Temporal failures.
 *
 * <p>One client per service and region, built on demand and kept; all share one {@link
 * UrlConnectionHttpClient}. Credentials come from the default provider chain unless the {@link
 * AwsInventorySource.Config} names a provider (static credentials for an emulator); they are never
 * logged or put in a message. An endpoint override points every client at an emulator. Throttling
 * and transient errors are retried by the SDK's standard retry strategy with a bounded number of
 * attempts; what outlives it becomes an {@link ApplicationFailure} that Temporal retries again.
 */
public final class AwsClients implements AutoCloseable {

  public static final String ACCESS_DENIED = "AwsAccessDenied";
  public static final String THROTTLED = "AwsThrottled";
  public static final String BAD_REQUEST = "AwsBadRequest";
  public static final String UNAVAILABLE = "AwsUnavailable";

  private static final Set<String> DENIED_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "AuthFailure",
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "OptInRequired",
          "InvalidAccessKeyId");
  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "TooManyRequestsException",
          "ProvisionedThroughputExceededException",
          "SlowDown",
          "BandwidthLimitExceeded");

  private final AwsInventorySource.Config config;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient httpClient;
  private final RetryStrategy retryStrategy;
  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

  public AwsClients(AwsInventorySource.Config config) {
    this.config = config;
    this.credentials =
        config.credentials() != null
            ? config.credentials()
            : DefaultCredentialsProvider.builder().build();
    this.httpClient =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    this.retryStrategy =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(config.maxAttempts())
            .backoffStrategy(
                BackoffStrategy.exponentialDelay(config.baseDelay(), config.maxBackoff()))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(config.baseDelay(), config.maxBackoff()))
            .build();
  }

  /** Whether the clients talk to an emulator rather than AWS's own endpoints. */
  public boolean emulated() {
    return config.endpoint() != null;
  }

  @SuppressWarnings("unchecked")
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable>
      C client(String service, String region, B builder, Function<B, B> customize) {
    return (C)
        clients.computeIfAbsent(
            service + "@" + region,
            key -> {
              Region awsRegion = region(service, region);
              B b =
                  builder
                      .region(awsRegion)
                      .credentialsProvider(credentials)
                      .httpClient(httpClient)
                      .overrideConfiguration(
                          o ->
                              o.retryStrategy(retryStrategy)
                                  .apiCallAttemptTimeout(Duration.ofSeconds(60))
                                  .apiCallTimeout(Duration.ofMinutes(3)));
              if (config.endpoint() != null) {
                b = b.endpointOverride(config.endpoint());
              }
              return customize.apply(b).build();
            });
  }

  private Region region(String service, String region) {
    Region awsRegion = Region.of(region);
    // With an emulator any region name goes; against AWS it must be one the SDK knows.
    if (config.endpoint() == null && !Region.regions().contains(awsRegion)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "AWS " + service + " in " + region + ": unknown region '" + region + "'", BAD_REQUEST);
    }
    return awsRegion;
  }

  /** The Temporal failure for an SDK exception; the message names no credentials. */
  public static ApplicationFailure failure(
      String service, String action, String region, SdkException e) {
    String where = "AWS " + service + ":" + action + " in " + region;
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      String awsMessage =
          ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
      int status = ase.statusCode();
      String detail = " (" + (code == null ? "HTTP " + status : code) + ")" + brief(awsMessage);
      if ((code != null && DENIED_CODES.contains(code)) || status == 401) {
        return ApplicationFailure.newNonRetryableFailure(
            where + " was denied" + detail + "; grant the worker's role " + service + ":" + action,
            ACCESS_DENIED);
      }
      if (ase.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code))) {
        return ApplicationFailure.newFailure(
            where + " is still throttled after the SDK's retries" + detail, THROTTLED);
      }
      if (status >= 500) {
        return ApplicationFailure.newFailure(where + " failed" + detail, UNAVAILABLE);
      }
      if (status == 403) {
        return ApplicationFailure.newNonRetryableFailure(
            where + " was denied" + detail + "; grant the worker's role " + service + ":" + action,
            ACCESS_DENIED);
      }
      return ApplicationFailure.newNonRetryableFailure(
          where + " was rejected" + detail, BAD_REQUEST);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException) {
        return ApplicationFailure.newNonRetryableFailure(
            where + ": host not found (" + cause.getMessage() + "); check the region and endpoint",
            BAD_REQUEST);
      }
    }
    if (e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().contains("Unable to load region")) {
      return ApplicationFailure.newNonRetryableFailure(where + ": " + e.getMessage(), BAD_REQUEST);
    }
    return ApplicationFailure.newFailure(
        where + " could not be reached: " + oneLine(e.getMessage()), UNAVAILABLE);
  }

  private static String brief(String message) {
    return message == null || message.isBlank() ? "" : ": " + oneLine(message);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  @Override
  public void close() {
    for (AutoCloseable client : clients.values()) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing is best effort.
      }
    }
    clients.clear();
    httpClient.close();
  }
}
