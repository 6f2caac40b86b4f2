package dev.flotilla.optimization;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.common.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resources and their metrics from a JSON or CSV export; the formats are described in {@code
 * docs/inventory-sources.md}.
 *
 * <ul>
 *   <li><b>JSON</b> ({@code *.json}): an array of resources, each with the fields of {@link
 *       Resource} and a {@code metrics} array of series in {@link MetricSeries}'s shape.
 *   <li><b>CSV</b> ({@code *.csv}): one row per resource under the header {@value #CSV_HEADER};
 *       tags and attributes as {@code k=v;k=v}, dependsOn as {@code a;b}. Metrics are in a sibling
 *       file {@code <name>.metrics.csv} (optional) with header {@value #METRICS_HEADER}.
 * </ul>
 *
 * <p>The file is read once, on first use, and must be a regular file of at most 100 MB. Every
 * problem is an {@link InvalidInputException} with a one-line message naming the file, the line and
 * what is wrong. Pages hold the resources in scope (kind and, when the scope names regions, region)
 * in file order; the cursor is the index of the next one. {@link #metrics} returns hourly series
 * aligned to {@code from}: the sample whose timestamp falls in each hour, null where the file has
 * none.
 */
public final class FileInventorySource implements InventorySource {

  public static final long MAX_BYTES = 100L * 1024 * 1024;
  static final String CSV_HEADER =
      "id,kind,account,region,size,state,createdAt,tags,attributes,dependsOn";
  static final String METRICS_HEADER = "resourceId,metric,timestamp,value";
  private static final int STEP_SECONDS = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private volatile Loaded loaded;

  /** Resources in file order, and per resource and metric the samples by time. */
  private record Loaded(
      List<Resource> resources, Map<String, Map<String, NavigableMap<Instant, Double>>> samples) {}

  public FileInventorySource(Path path) {
    this.path = path;
  }

  /** The source for a scope whose source is {@code file:<path>}. */
  public static FileInventorySource forScope(Scope scope) {
    if (!scope.source().startsWith("file:")) {
      throw new InvalidInputException("scope: source '" + scope.source() + "' is not file:<path>");
    }
    return new FileInventorySource(Path.of(scope.source().substring("file:".length())));
  }

  @Override
  public InventoryPage page(Scope scope, String cursor, int pageSize) {
    return IndexCursor.page(
        IndexCursor.inScope(load().resources(), scope), cursor, pageSize, "file");
  }

  @Override
  public List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
    Map<String, NavigableMap<Instant, Double>> byMetric = load().samples().get(resource.id());
    if (byMetric == null || !to.isAfter(from)) {
      return List.of();
    }
    int points =
        (int) ((Duration.between(from, to).getSeconds() + STEP_SECONDS - 1) / STEP_SECONDS);
    List<MetricSeries> series = new ArrayList<>(byMetric.size());
    for (Map.Entry<String, NavigableMap<Instant, Double>> metric : byMetric.entrySet()) {
      Double[] values = new Double[points];
      for (Map.Entry<Instant, Double> sample :
          metric.getValue().subMap(from, true, to, false).entrySet()) {
        int index = (int) (Duration.between(from, sample.getKey()).getSeconds() / STEP_SECONDS);
        values[index] = sample.getValue();
      }
      series.add(
          new MetricSeries(
              resource.id(), metric.getKey(), from, STEP_SECONDS, Arrays.asList(values)));
    }
    return series;
  }

  // ---------------------------------------------------------------- loading

  private Loaded load() {
    Loaded current = loaded;
    if (current == null) {
      synchronized (this) {
        current = loaded;
        if (current == null) {
          current = read();
          loaded = current;
        }
      }
    }
    return current;
  }

  private Loaded read() {
    checkFile(path);
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return new JsonReader().read();
    }
    if (name.endsWith(".csv")) {
      return new CsvReader().read();
    }
    throw new InvalidInputException(
        "inventory file " + path + " must end in .json or .csv to say which format it is");
  }

  private static void checkFile(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException("inventory file " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(
          "inventory file " + file + " is a directory; name a .json or .csv file");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidInputException(
            "inventory file "
                + file
                + " is "
                + size / (1024 * 1024)
                + " MB; the limit is 100 MB, split it or use the AWS source");
      }
    } catch (IOException e) {
      throw new InvalidInputException("inventory file " + file + " cannot be read: " + e);
    }
  }

  private InvalidInputException problem(Path file, long line, String what) {
    return new InvalidInputException("inventory file " + file + ", line " + line + ": " + what);
  }

  private static ResourceKind kind(String text, Function<String, RuntimeException> fail) {
    if (text == null || text.isBlank()) {
      throw fail.apply("'kind' is missing; known kinds: " + knownKinds());
    }
    try {
      return ResourceKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail.apply("unknown kind '" + text + "'; known kinds: " + knownKinds());
    }
  }

  private static String knownKinds() {
    return Arrays.stream(ResourceKind.values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  private static Instant instant(
      String field, String text, Function<String, RuntimeException> fail) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw fail.apply(
          field + " '" + text + "' is not an ISO-8601 instant like 2025-01-31T00:00:00Z");
    }
  }

  private static void addSamples(
      Map<String, Map<String, NavigableMap<Instant, Double>>> samples,
      String resourceId,
      String metric,
      Instant at,
      Double value) {
    samples
        .computeIfAbsent(resourceId, id -> new LinkedHashMap<>())
        .computeIfAbsent(metric, m -> new TreeMap<>())
        .put(at, value);
  }

  /** Reads the JSON format, keeping the line each resource starts on for messages. */
  private final class JsonReader {
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, Map<String, NavigableMap<Instant, Double>>> samples = new HashMap<>();

    Loaded read() {
      try (JsonParser parser = JSON.getFactory().createParser(path.toFile())) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw problem(
              path,
              parser.currentTokenLocation().getLineNr(),
              "expected a JSON array of resources, [ {\"id\": ...}, ... ]");
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
          long line = parser.currentTokenLocation().getLineNr();
          JsonNode node = JSON.readTree(parser);
          resource(node, line);
        }
        if (token != JsonToken.END_ARRAY) {
          throw problem(
              path,
              parser.currentTokenLocation().getLineNr(),
              "expected a resource object or the end of the array, found " + token);
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        throw new InvalidInputException(
            "inventory file "
                + path
                + ": malformed JSON at line "
                + (at == null ? "?" : at.getLineNr())
                + ", column "
                + (at == null ? "?" : at.getColumnNr())
                + ": "
                + message);
      } catch (IOException e) {
        throw new InvalidInputException("inventory file " + path + " cannot be read: " + e);
      }
      checkUnique(resources);
      return new Loaded(List.copyOf(resources), samples);
    }

    private void resource(JsonNode node, long line) {
      Function<String, RuntimeException> fail =
          what ->
              problem(
                  path,
                  line,
                  (node.hasNonNull("id") ? "resource '" + node.get("id").asText() + "': " : "")
                      + what);
      String id = text(node, "id");
      if (id == null || id.isBlank()) {
        throw fail.apply("'id' is missing");
      }
      ResourceKind kind = kind(text(node, "kind"), fail);
      Resource resource =
          new Resource(
              id,
              kind,
              text(node, "account"),
              text(node, "region"),
              text(node, "size"),
              text(node, "state"),
              instant("createdAt", text(node, "createdAt"), fail),
              stringMap(node.get("tags"), "tags", fail),
              stringMap(node.get("attributes"), "attributes", fail),
              stringList(node.get("dependsOn"), fail));
      resources.add(resource);
      JsonNode metrics = node.get("metrics");
      if (metrics == null || metrics.isNull()) {
        return;
      }
      if (!metrics.isArray()) {
        throw fail.apply("'metrics' must be an array of series");
      }
      for (JsonNode series : metrics) {
        String metric = text(series, "metric");
        if (metric == null || metric.isBlank()) {
          throw fail.apply("a metric series has no 'metric' name");
        }
        String owner = text(series, "resourceId");
        if (owner != null && !owner.equals(id)) {
          throw fail.apply("series " + metric + " names resourceId '" + owner + "'");
        }
        Instant start = instant(metric + ".start", text(series, "start"), fail);
        if (start == null) {
          throw fail.apply("series " + metric + " has no 'start'");
        }
        int step = series.path("stepSeconds").asInt(STEP_SECONDS);
        if (step <= 0) {
          throw fail.apply("series " + metric + " has stepSeconds " + step + "; must be positive");
        }
        JsonNode values = series.get("values");
        if (values == null || !values.isArray()) {
          throw fail.apply("series " + metric + " has no 'values' array");
        }
        for (int i = 0; i < values.size(); i++) {
          JsonNode value = values.get(i);
          if (!value.isNull() && !value.isNumber()) {
            throw fail.apply(
                "series " + metric + " value " + i + " is " + value + ", not a number or null");
          }
          addSamples(
              samples,
              id,
              metric,
              start.plusSeconds((long) i * step),
              value.isNull() ? null : value.asDouble());
        }
      }
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> stringMap(
        JsonNode node, String field, Function<String, RuntimeException> fail) {
      if (node == null || node.isNull()) {
        return Map.of();
      }
      if (!node.isObject()) {
        throw fail.apply("'" + field + "' must be an object of strings");
      }
      Map<String, String> map = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        map.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
      }
      return map;
    }

    private static List<String> stringList(JsonNode node, Function<String, RuntimeException> fail) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        throw fail.apply("'dependsOn' must be an array of resource ids");
      }
      List<String> list = new ArrayList<>();
      node.forEach(n -> list.add(n.asText()));
      return list;
    }
  }

  private void checkUnique(List<Resource> resources) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < resources.size(); i++) {
      Integer before = seen.put(resources.get(i).id(), i);
      if (before != null) {
        throw new InvalidInputException(
            "inventory file "
                + path
                + ": resource id '"
                + resources.get(i).id()
                + "' appears twice (entries "
                + (before + 1)
                + " and "
                + (i + 1)
                + ")");
      }
    }
  }

  /** Reads the CSV format and its optional metrics sibling. */
  private final class CsvReader {
    Loaded read() {
      List<Resource> resources = new ArrayList<>();
      Map<String, Integer> lineById = new HashMap<>();
      readCsv(
          path,
          CSV_HEADER,
          (fields, line) -> {
            Function<String, RuntimeException> fail =
                what ->
                    problem(
                        path,
                        line,
                        (fields.get(0).isEmpty() ? "" : "resource '" + fields.get(0) + "': ")
                            + what);
            String id = fields.get(0);
            if (id.isEmpty()) {
              throw fail.apply("'id' is empty");
            }
            Integer before = lineById.put(id, (int) line);
            if (before != null) {
              throw fail.apply("id also used on line " + before);
            }
            resources.add(
                new Resource(
                    id,
                    kind(fields.get(1), fail),
                    emptyToNull(fields.get(2)),
                    emptyToNull(fields.get(3)),
                    emptyToNull(fields.get(4)),
                    emptyToNull(fields.get(5)),
                    instant("createdAt", fields.get(6), fail),
                    pairs(fields.get(7), "tags", fail),
                    pairs(fields.get(8), "attributes", fail),
                    fields.get(9).isBlank()
                        ? List.of()
                        : Arrays.stream(fields.get(9).split(";"))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()));
          });

      Map<String, Map<String, NavigableMap<Instant, Double>>> samples = new HashMap<>();
      Path metricsFile = metricsSibling(path);
      if (Files.exists(metricsFile)) {
        checkFile(metricsFile);
        readCsv(
            metricsFile,
            METRICS_HEADER,
            (fields, line) -> {
              Function<String, RuntimeException> fail = what -> problem(metricsFile, line, what);
              String id = fields.get(0);
              if (!lineById.containsKey(id)) {
                throw fail.apply("resource '" + id + "' is not in " + path.getFileName());
              }
              if (fields.get(1).isEmpty()) {
                throw fail.apply("'metric' is empty");
              }
              Instant at = instant("timestamp", fields.get(2), fail);
              if (at == null) {
                throw fail.apply("'timestamp' is empty");
              }
              Double value;
              try {
                value = fields.get(3).isBlank() ? null : Double.valueOf(fields.get(3).strip());
              } catch (NumberFormatException e) {
                throw fail.apply("value '" + fields.get(3) + "' is not a number");
              }
              addSamples(samples, id, fields.get(1), at, value);
            });
      }
      return new Loaded(List.copyOf(resources), samples);
    }

    private Map<String, String> pairs(
        String text, String field, Function<String, RuntimeException> fail) {
      if (text.isBlank()) {
        return Map.of();
      }
      Map<String, String> map = new TreeMap<>();
      for (String pair : text.split(";")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw fail.apply(field + " entry '" + pair + "' is not key=value");
        }
        map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return map;
    }
  }

  /** {@code inventory.csv} → {@code inventory.metrics.csv}, in the same folder. */
  static Path metricsSibling(Path csv) {
    String name = csv.getFileName().toString();
    String base = name.substring(0, name.length() - ".csv".length());
    return csv.resolveSibling(base + ".metrics.csv");
  }

  private interface Row {
    void accept(List<String> fields, long line);
  }

  private void readCsv(Path file, String header, Row row) {
    int columns = header.split(",").length;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      if (first == null || !first.replace("\uFEFF", "").replace(" ", "").equalsIgnoreCase(header)) {
        throw problem(file, 1, "the header must be " + header);
      }
      String text;
      long line = 1;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank() || text.startsWith("#")) {
          continue;
        }
        List<String> fields = split(text, file, line);
        if (fields.size() != columns) {
          throw problem(file, line, "has " + fields.size() + " fields, the header has " + columns);
        }
        row.accept(fields, line);
      }
    } catch (IOException e) {
      throw new InvalidInputException("inventory file " + file + " cannot be read: " + e);
    }
  }

  /** Splits one CSV line; a field may be double-quoted, with "" for a quote inside. */
  private List<String> split(String text, Path file, long line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString().strip());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw problem(file, line, "a quoted field is not closed");
    }
    fields.add(field.toString().strip());
    return fields;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
