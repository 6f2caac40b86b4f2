package dev.flotilla.cli;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * Where Temporal is. temporal-envconfig reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, the TLS variables and temporal.toml profiles; these flags win over all of them.
 */
public final class ConnectionOptions {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (default: profile, TEMPORAL_ADDRESS, else " + DEFAULT_ADDRESS + ")")
  String address;

  @Option(
      names = "--namespace",
      description = "Temporal namespace (default: profile, TEMPORAL_NAMESPACE, else default)")
  String namespace;

  @Option(
      names = "--profile",
      description = "temporal.toml profile (default: TEMPORAL_PROFILE, else default)")
  String profile;

  public ConnectionOptions() {}

  public ConnectionOptions(String address, String namespace) {
    this.address = address;
    this.namespace = namespace;
  }

  /** The resolved profile: envconfig's, with the flags on top. */
  public ClientConfigProfile profile() {
    ClientConfigProfile loaded;
    try {
      LoadClientConfigProfileOptions.Builder options = LoadClientConfigProfileOptions.newBuilder();
      if (profile != null) {
        options.setConfigFileProfile(profile);
      }
      loaded = ClientConfigProfile.load(options.build());
    } catch (IOException | RuntimeException e) {
      throw CliFailure.usage("cannot load the Temporal client profile: " + e.getMessage());
    }
    ClientConfigProfile.Builder builder = loaded.toBuilder();
    if (address != null) {
      builder.setAddress(address);
    } else if (loaded.getAddress() == null || loaded.getAddress().isBlank()) {
      builder.setAddress(DEFAULT_ADDRESS);
    }
    if (namespace != null) {
      builder.setNamespace(namespace);
    } else if (loaded.getNamespace() == null || loaded.getNamespace().isBlank()) {
      builder.setNamespace("default");
    }
    return builder.build();
  }

  public WorkflowServiceStubsOptions serviceOptions() {
    return profile().toWorkflowServiceStubsOptions();
  }

  public WorkflowClientOptions clientOptions() {
    return profile().toWorkflowClientOptions();
  }

  public TemporalConnection open() {
    ClientConfigProfile resolved = profile();
    return TemporalConnection.open(
        resolved.toWorkflowServiceStubsOptions(), resolved.toWorkflowClientOptions());
  }
}
