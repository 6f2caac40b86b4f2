package dev.flotilla.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code flotilla.yaml} (path by flag, then {@code FLOTILLA_CONFIG}, then {@code
 * ./flotilla.yaml} if present), applies environment overrides and validates the result.
 *
 * <p>Every scalar setting has an environment name: {@code FLOTILLA_} and its path in upper snake
 * case, so {@code worker.maxConcurrentActivities} is {@code
 * FLOTILLA_WORKER_MAX_CONCURRENT_ACTIVITIES}.
 */
public final class SettingsLoader {
  public static final String CONFIG_ENV = "FLOTILLA_CONFIG";
  private static final String PREFIX = "FLOTILLA_";

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private final Map<String, String> environment;

  public SettingsLoader(Map<String, String> environment) {
    this.environment = environment;
  }

  public static SettingsLoader fromProcess() {
    return new SettingsLoader(System.getenv());
  }

  /** Loads from an explicit file (may be null). */
  public FlotillaSettings load(Path explicitFile) {
    Path file = chooseFile(explicitFile);
    String source = file == null ? "settings" : file.getFileName().toString();
    ObjectNode tree = read(file);
    applyEnvironment(tree);
    FlotillaSettings settings = bind(tree, source);
    validate(settings, source);
    return settings;
  }

  private Path chooseFile(Path explicitFile) {
    if (explicitFile != null) {
      if (!Files.isRegularFile(explicitFile)) {
        throw new SettingsException(
            "config file " + explicitFile + " does not exist; check the --config path");
      }
      return explicitFile;
    }
    String fromEnv = environment.get(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path path = Path.of(fromEnv);
      if (!Files.isRegularFile(path)) {
        throw new SettingsException(
            "config file " + path + " (from " + CONFIG_ENV + ") does not exist; fix the variable");
      }
      return path;
    }
    Path local = Path.of("flotilla.yaml");
    return Files.isRegularFile(local) ? local : null;
  }

  private ObjectNode read(Path file) {
    if (file == null) {
      return yaml.createObjectNode();
    }
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return yaml.createObjectNode();
      }
      if (!node.isObject()) {
        throw new SettingsException(file + ": the top level must be a mapping of settings");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new SettingsException(
          file + ": not valid YAML at line " + e.getLocation().getLineNr() + ": " + yamlProblem(e));
    } catch (IOException e) {
      throw new SettingsException(file + " cannot be read: " + e.getMessage());
    }
  }

  /** SnakeYAML's message spans several lines (context, snippet, caret); keep only the problem. */
  private static String yamlProblem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      return marked.getProblem();
    }
    return firstLine(e.getOriginalMessage());
  }

  private void applyEnvironment(ObjectNode tree) {
    Map<String, List<String>> known = environmentNames();
    environment.forEach(
        (name, value) -> {
          List<String> path = known.get(name);
          if (path == null) {
            return;
          }
          ObjectNode parent = tree;
          for (String segment : path.subList(0, path.size() - 1)) {
            JsonNode child = parent.get(segment);
            if (!(child instanceof ObjectNode)) {
              child = parent.putObject(segment);
            }
            parent = (ObjectNode) child;
          }
          parent.put(path.get(path.size() - 1), value);
        });
  }

  /** FLOTILLA_* name to settings path, for every scalar setting. */
  static Map<String, List<String>> environmentNames() {
    Map<String, List<String>> names = new LinkedHashMap<>();
    collect(FlotillaSettings.class, new ArrayList<>(), names);
    return names;
  }

  private static void collect(Class<?> type, List<String> path, Map<String, List<String>> names) {
    for (RecordComponent component : type.getRecordComponents()) {
      List<String> here = new ArrayList<>(path);
      here.add(component.getName());
      Class<?> componentType = component.getType();
      if (componentType.isRecord()) {
        collect(componentType, here, names);
      } else if (!(component.getGenericType() instanceof ParameterizedType)) {
        names.put(
            PREFIX + here.stream().map(SettingsLoader::snake).collect(Collectors.joining("_")),
            here);
      }
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private FlotillaSettings bind(ObjectNode tree, String source) {
    try {
      return yaml.treeToValue(tree, FlotillaSettings.class);
    } catch (UnrecognizedPropertyException e) {
      String key = pathOf(e);
      throw new SettingsException(
          source
              + ": unknown key '"
              + key
              + "'; known keys there: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    } catch (JsonMappingException e) {
      throw new SettingsException(
          source + ": bad value for '" + pathOf(e) + "': " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new SettingsException(source + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    // Jackson names its own classes; a person wants the kind of value expected.
    return line.replaceAll("`java\\.lang\\.(\\w+)`", "$1").replaceAll(" \\(.*", "");
  }

  private static void validate(FlotillaSettings s, String source) {
    positive(source, "alerts.consecutiveFailures", s.alerts().consecutiveFailures());
    positive(source, "worker.maxConcurrentActivities", s.worker().maxConcurrentActivities());
    positive(source, "worker.maxConcurrentWorkflowTasks", s.worker().maxConcurrentWorkflowTasks());
    positive(source, "worker.workflowPollers", s.worker().workflowPollers());
    positive(source, "worker.activityPollers", s.worker().activityPollers());
    positive(source, "worker.stickyCacheSize", s.worker().stickyCacheSize());
    positive(source, "worker.shutdownGraceSeconds", s.worker().shutdownGraceSeconds());
    port(source, "worker.httpPort", s.worker().httpPort());
    port(source, "dev.temporalPort", s.dev().temporalPort());
    port(source, "dev.postgresPort", s.dev().postgresPort());
    positive(source, "database.maxPoolSize", s.database().maxPoolSize());
    positive(source, "sample.resources", s.sample().resources());
    String url = s.database().url();
    if (url != null && !url.startsWith("jdbc:postgresql://")) {
      throw new SettingsException(
          source + ": bad value for 'database.url': expected jdbc:postgresql://host:port/db");
    }
    String endpoint = s.aws().endpoint();
    if (endpoint != null && !endpoint.matches("https?://.+")) {
      throw new SettingsException(
          source + ": bad value for 'aws.endpoint': expected an http:// or https:// URL");
    }
    s.approvers()
        .forEach(
            (scope, people) -> {
              if (people == null || people.isEmpty()) {
                throw new SettingsException(
                    source
                        + ": 'approvers."
                        + scope
                        + "' lists nobody; name at least one approver");
              }
            });
    s.thresholds()
        .forEach(
            (service, values) -> {
              if (values == null) {
                throw new SettingsException(
                    source
                        + ": 'thresholds."
                        + service
                        + "' is empty; give its thresholds or remove it");
              }
            });
    noEmptyEntries(source, "aws.regions", s.aws().regions());
    noEmptyEntries(source, "alerts.webhooks", s.alerts().webhooks());
    if (s.alerts().email() != null) {
      noEmptyEntries(source, "alerts.email.to", s.alerts().email().to());
    }
    if (s.alerts().email() != null && s.alerts().email().smtpHost() == null) {
      throw new SettingsException(source + ": 'alerts.email.smtpHost' is missing");
    }
    for (int i = 0; i < s.alerts().webhooks().size(); i++) {
      var hook = s.alerts().webhooks().get(i);
      if (hook.url() == null || !hook.url().matches("https?://.+")) {
        throw new SettingsException(
            source + ": bad value for 'alerts.webhooks[" + i + "].url': expected an http(s) URL");
      }
    }
  }

  private static void noEmptyEntries(String source, String key, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new SettingsException(
            source + ": '" + key + "[" + i + "]' is empty; fill it in or remove the line");
      }
    }
  }

  private static void positive(String source, String key, int value) {
    if (value < 1) {
      throw new SettingsException(
          source + ": bad value for '" + key + "': " + value + " (must be 1 or more)");
    }
  }

  private static void port(String source, String key, int value) {
    if (value < 0 || value > 65535) {
      throw new SettingsException(
          source + ": bad value for '" + key + "': " + value + " (a port is 0 to 65535)");
    }
  }
}
