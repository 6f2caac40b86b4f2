package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInventorySourceTest {

  private static final Scope ALL = new Scope("file:x", "123456789012", List.of("us-east-1"), null);
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2025-01-01T04:00:00Z");

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final String JSON =
      """
      [
        {
          "id": "i-1", "kind": "EC2_INSTANCE", "account": "123456789012", "region": "us-east-1",
          "size": "m5.large", "state": "running", "createdAt": "2024-01-01T00:00:00Z",
          "tags": {"keep": "true"}, "attributes": {"platform": "linux"},
          "metrics": [
            {"metric": "CPUUtilization", "start": "2025-01-01T00:00:00Z", "stepSeconds": 3600,
             "values": [1.5, null, 2.5]}
          ]
        },
        {
          "id": "vol-1", "kind": "ebs_volume", "account": "123456789012", "region": "us-east-1",
          "size": "gp3:100", "state": "in-use", "dependsOn": ["i-1"]
        },
        {
          "id": "b-1", "kind": "S3_BUCKET", "account": "123456789012", "region": "us-west-2",
          "attributes": {"lifecycle": "none"}
        }
      ]
      """;

  @Test
  void readsJsonResourcesAndAlignsTheirMetricsToTheRequestedHours() throws IOException {
    FileInventorySource source = new FileInventorySource(write("inv.json", JSON));
    Scope both = new Scope("file:x", "123456789012", List.of("us-east-1", "us-west-2"), null);

    InventoryPage page = source.page(both, null, 10);

    assertThat(page.resources()).extracting(Resource::id).containsExactly("i-1", "vol-1", "b-1");
    assertThat(page.nextCursor()).isNull();
    Resource instance = page.resources().get(0);
    assertThat(instance.kind()).isEqualTo(ResourceKind.EC2_INSTANCE);
    assertThat(instance.size()).isEqualTo("m5.large");
    assertThat(instance.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(instance.keep()).isTrue();
    assertThat(page.resources().get(1).kind()).isEqualTo(ResourceKind.EBS_VOLUME);
    assertThat(page.resources().get(1).dependsOn()).containsExactly("i-1");
    assertThat(page.resources().get(2).attribute("lifecycle")).isEqualTo("none");

    List<MetricSeries> series = source.metrics(instance, FROM, TO);
    assertThat(series)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metric()).isEqualTo(MetricSeries.CPU_UTILIZATION);
              assertThat(s.start()).isEqualTo(FROM);
              assertThat(s.stepSeconds()).isEqualTo(3600);
              assertThat(s.values()).containsExactly(1.5, null, 2.5, null);
            });
    assertThat(source.metrics(page.resources().get(1), FROM, TO)).isEmpty();
  }

  @Test
  void scopeFiltersByKindAndRegion() throws IOException {
    FileInventorySource source = new FileInventorySource(write("inv.json", JSON));

    assertThat(source.page(ALL, null, 10).resources())
        .extracting(Resource::id)
        .containsExactly("i-1", "vol-1");
    Scope ebs = new Scope("file:x", "123456789012", List.of("us-east-1"), List.of("ebs"));
    assertThat(source.page(ebs, null, 10).resources())
        .extracting(Resource::id)
        .containsExactly("vol-1");
  }

  @Test
  void pagesResumeFromTheirCursorInAFreshSource() throws IOException {
    Path file = write("inv.json", JSON);
    Scope both = new Scope("file:x", "123456789012", List.of("us-east-1", "us-west-2"), null);
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      InventoryPage page = new FileInventorySource(file).page(both, cursor, 2);
      page.resources().forEach(r -> ids.add(r.id()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(ids).containsExactly("i-1", "vol-1", "b-1");
    assertThat(pages).isEqualTo(2);
    assertThatThrownBy(() -> new FileInventorySource(file).page(both, "file:99", 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cursor 'file:99'");
  }

  @Test
  void readsCsvWithItsMetricsSibling() throws IOException {
    Path csv =
        write(
            "inv.csv",
            """
            id,kind,account,region,size,state,createdAt,tags,attributes,dependsOn
            i-1,EC2_INSTANCE,123456789012,us-east-1,m5.large,running,2024-01-01T00:00:00Z,team=web;keep=true,platform=linux,
            vol-1,EBS_VOLUME,123456789012,us-east-1,gp3:100,in-use,2024-01-02T00:00:00Z,,"note=a, b",i-1
            app/web/1,LOAD_BALANCER,123456789012,us-east-1,,active,,,type=application,i-1;i-2
            """);
    write(
        "inv.metrics.csv",
        """
        resourceId,metric,timestamp,value
        i-1,CPUUtilization,2025-01-01T00:00:00Z,3.5
        i-1,CPUUtilization,2025-01-01T02:00:00Z,4
        i-1,NetworkIn,2025-01-01T01:00:00Z,100
        app/web/1,RequestCount,2025-01-01T03:00:00Z,0
        """);
    FileInventorySource source = new FileInventorySource(csv);

    InventoryPage page = source.page(ALL, null, 10);

    assertThat(page.resources())
        .extracting(Resource::id)
        .containsExactly("i-1", "vol-1", "app/web/1");
    Resource instance = page.resources().get(0);
    assertThat(instance.tags()).containsEntry("team", "web").containsEntry("keep", "true");
    assertThat(instance.attribute("platform")).isEqualTo("linux");
    assertThat(page.resources().get(1).attribute("note")).isEqualTo("a, b");
    assertThat(page.resources().get(1).dependsOn()).containsExactly("i-1");
    assertThat(page.resources().get(2).dependsOn()).containsExactly("i-1", "i-2");
    assertThat(page.resources().get(2).size()).isNull();
    assertThat(page.resources().get(2).createdAt()).isNull();

    List<MetricSeries> series = source.metrics(instance, FROM, TO);
    assertThat(series)
        .extracting(MetricSeries::metric)
        .containsExactly("CPUUtilization", "NetworkIn");
    assertThat(series.get(0).values()).containsExactly(3.5, null, 4.0, null);
    assertThat(series.get(1).values()).containsExactly(null, 100.0, null, null);
    assertThat(source.metrics(page.resources().get(2), FROM, TO).get(0).values())
        .containsExactly(null, null, null, 0.0);
  }

  @Test
  void csvWithoutMetricsFileHasNoMetrics() throws IOException {
    Path csv =
        write(
            "plain.csv",
            "id,kind,account,region,size,state,createdAt,tags,attributes,dependsOn\n"
                + "i-1,EC2_INSTANCE,123456789012,us-east-1,t3.micro,running,,,,\n");
    FileInventorySource source = new FileInventorySource(csv);
    Resource r = source.page(ALL, null, 10).resources().get(0);
    assertThat(source.metrics(r, FROM, TO)).isEmpty();
  }

  @Test
  void theBundledExampleHasTenResourcesWithMetrics() throws IOException {
    Path copy = dir.resolve("inventory-example.json");
    try (InputStream in = getClass().getResourceAsStream("/samples/inventory-example.json")) {
      assertThat(in).isNotNull();
      Files.copy(in, copy);
    }
    FileInventorySource source = new FileInventorySource(copy);

    List<Resource> resources = source.page(ALL, null, 100).resources();

    assertThat(resources).hasSize(10);
    assertThat(resources).extracting(Resource::kind).contains(ResourceKind.values());
    Resource idle = resources.get(0);
    List<MetricSeries> cpu =
        source.metrics(
            idle, Instant.parse("2025-06-07T00:00:00Z"), Instant.parse("2025-06-15T00:00:00Z"));
    assertThat(cpu.get(0).values()).hasSize(192).doesNotContainNull();
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.json");
    assertOneLineProblem(missing, "nope.json does not exist");
  }

  @Test
  void aDirectoryIsRejected() {
    assertOneLineProblem(dir, "is a directory");
  }

  @Test
  void aFileOverOneHundredMegabytesIsRejected() throws IOException {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(FileInventorySource.MAX_BYTES + 1); // sparse: no 100 MB written
    }
    assertOneLineProblem(big, "the limit is 100 MB");
  }

  @Test
  void anUnknownExtensionIsRejected() throws IOException {
    assertOneLineProblem(write("inv.txt", "[]"), "must end in .json or .csv");
  }

  @Test
  void malformedJsonNamesTheLine() throws IOException {
    Path file = write("bad.json", "[\n  {\"id\": \"i-1\",\n   \"kind\": EC2_INSTANCE}\n]\n");
    assertOneLineProblem(file, "malformed JSON at line 3");
  }

  @Test
  void jsonThatIsNotAnArrayIsRejected() throws IOException {
    assertOneLineProblem(write("obj.json", "{\"id\": \"i-1\"}"), "expected a JSON array");
  }

  @Test
  void anUnknownKindIsNamedWithItsLine() throws IOException {
    Path file =
        write(
            "kind.json",
            "[\n  {\"id\": \"i-1\", \"kind\": \"EC2_INSTANCE\"},\n  {\"id\": \"x-1\", \"kind\": \"EC3\"}\n]");
    assertOneLineProblem(
        file, "line 3: resource 'x-1': unknown kind 'EC3'; known kinds: EC2_INSTANCE");
  }

  @Test
  void aBadTimestampIsNamed() throws IOException {
    Path file =
        write(
            "time.json",
            "[{\"id\": \"i-1\", \"kind\": \"EC2_INSTANCE\", \"createdAt\": \"yesterday\"}]");
    assertOneLineProblem(file, "createdAt 'yesterday' is not an ISO-8601 instant");
  }

  @Test
  void aBadMetricTimestampInCsvIsNamedWithFileAndLine() throws IOException {
    Path csv =
        write(
            "t.csv",
            "id,kind,account,region,size,state,createdAt,tags,attributes,dependsOn\n"
                + "i-1,EC2_INSTANCE,123456789012,us-east-1,t3.micro,running,,,,\n");
    write(
        "t.metrics.csv",
        "resourceId,metric,timestamp,value\ni-1,CPUUtilization,2025-01-01T00:00:00Z,1\n"
            + "i-1,CPUUtilization,01/02/2025,2\n");
    assertOneLineProblem(csv, "t.metrics.csv, line 3: timestamp '01/02/2025' is not an ISO-8601");
  }

  @Test
  void csvProblemsAreNamed() throws IOException {
    String header = "id,kind,account,region,size,state,createdAt,tags,attributes,dependsOn\n";
    assertOneLineProblem(write("h.csv", "id,kind\n"), "line 1: the header must be");
    assertOneLineProblem(
        write("k.csv", header + "i-1,EC9,123456789012,us-east-1,,,,,,\n"),
        "line 2: resource 'i-1': unknown kind 'EC9'");
    assertOneLineProblem(write("n.csv", header + "i-1,EC2_INSTANCE\n"), "line 2: has 2 fields");
    assertOneLineProblem(
        write("c.csv", header + "i-1,EC2_INSTANCE,1,us-east-1,,,not-a-time,,,\n"),
        "createdAt 'not-a-time'");
    assertOneLineProblem(
        write("d.csv", header + "i-1,EC2_INSTANCE,,,,,,,,\ni-1,EC2_INSTANCE,,,,,,,,\n"),
        "line 3: resource 'i-1': id also used on line 2");
    Path orphan = write("o.csv", header + "i-1,EC2_INSTANCE,,,,,,,,\n");
    write(
        "o.metrics.csv",
        "resourceId,metric,timestamp,value\ni-9,CPUUtilization,2025-01-01T00:00:00Z,1\n");
    assertOneLineProblem(orphan, "resource 'i-9' is not in o.csv");
  }

  private static void assertOneLineProblem(Path file, String expected) {
    assertThatThrownBy(() -> new FileInventorySource(file).page(ALL, null, 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
